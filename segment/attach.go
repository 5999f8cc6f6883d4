package segment

import (
	"fmt"
)

// numberScanned gives the tables of a document with recognised pages
// their 附件 numbers from all the evidence, not the markers alone:
//
//   - markers run up by one: a marker read as 7 between 附件 3 and 附件 5
//     (with nothing between) is 附件 4;
//   - a table that starts under no marker read (the marker lost, or
//     misread past recognising) is the next 附件 when its title is of
//     another kind than the table before (a further part of one 附件 keeps
//     the kind: the six forms of 附件 12), or when it starts with a header
//     band of its own;
//   - the document's own list of its 附件 (in the narrative: 1.财政拨款收支总表
//     …) names the title each number has: it names an untitled table,
//     and a table whose title it puts under another number is reported.
//
// Text-layer tables keep what joinBlocks gave them. Every number not taken
// from a marker as read is a Repair.
func numberScanned(tables []*Table, text []TextLine) []Repair {
	var repairs []Repair
	markers := false
	for _, t := range tables {
		markers = markers || t.marked
	}
	if !markers {
		return nil
	}
	list := contentsList(text)
	// starts: which tables begin an attachment
	start := make([]bool, len(tables))
	for i, t := range tables {
		switch {
		case !t.scanned:
			start[i] = t.marked
		case t.marked || i == 0:
			start[i] = true
		default:
			prev := tables[i-1]
			kt, kp := scanTitleKey(t.Title), scanTitleKey(prev.Title)
			start[i] = t.Title != "" && prev.Title != "" && kt != kp && !(t.Part > 0 && partNumber(t.Title) > 0) ||
				t.Title == "" && t.ownHeader
		}
	}
	prevN, prevPart := 0, 0
	for i, t := range tables {
		if !t.scanned {
			prevN, prevPart = t.Attachment, t.Part
			continue
		}
		if !start[i] {
			t.Attachment = prevN
			if t.Part == 0 || t.Part <= prevPart {
				t.Part = prevPart + 1
			}
			prevPart = t.Part
			continue
		}
		expected := prevN + 1
		n := expected
		switch {
		case t.marked && t.readMarker == expected:
		case t.marked:
			// the next marker read, and how many starts lie between
			k, next := 0, 0
			for j := i + 1; j < len(tables); j++ {
				if start[j] {
					k++
				}
				if tables[j].marked {
					next = tables[j].readMarker
					break
				}
			}
			switch {
			case next == expected+k && k > 0:
				repairs = append(repairs, t.repair("segment.attachment_sequence", t.readMarker, n,
					fmt.Sprintf("附件 marker read as %d between 附件 %d and 附件 %d: numbered %d", t.readMarker, prevN, next, n)))
			case t.readMarker > expected && (next == 0 || next > t.readMarker):
				n = t.readMarker // attachments missing from the document
			case list != nil && list[t.readMarker] == scanTitleKey(t.Title) && t.readMarker > prevN:
				n = t.readMarker
			default:
				repairs = append(repairs, t.repair("segment.attachment_sequence", t.readMarker, n,
					fmt.Sprintf("附件 marker read as %d after 附件 %d: numbered %d", t.readMarker, prevN, n)))
			}
		default:
			if list != nil && t.Title != "" {
				for m := expected; m <= expected+2; m++ {
					if list[m] == scanTitleKey(t.Title) {
						n = m
						break
					}
				}
			}
			why := "its title is of another kind than the table before"
			if t.Title == "" {
				why = "it starts with a header of its own"
			}
			repairs = append(repairs, t.repair("segment.attachment_inferred", 0, n,
				fmt.Sprintf("no 附件 marker read above this table (page %d); numbered %d after 附件 %d, since %s", firstPage(t), n, prevN, why)))
		}
		t.Attachment, t.Part = n, 0
		if t.Title == "" && list != nil && list[n] != "" {
			t.Title = list[n]
			repairs = append(repairs, t.repair("segment.title_from_contents", 0, n,
				fmt.Sprintf("no title read for 附件 %d (page %d); titled %s after the document's list of its 附件", n, firstPage(t), list[n])))
		} else if t.Title == "" {
			t.Heading = ""
			repairs = append(repairs, t.repair("segment.untitled", 0, n,
				fmt.Sprintf("no title read for 附件 %d (page %d): its kind is unknown", n, firstPage(t))))
		} else if list != nil && list[n] != "" && list[n] != scanTitleKey(t.Title) {
			repairs = append(repairs, t.repair("segment.contents_mismatch", 0, n,
				fmt.Sprintf("附件 %d is titled %s, but the document's list of its 附件 names %s", n, t.Title, list[n])))
		}
		prevN, prevPart = n, 0
	}
	return repairs
}

func firstPage(t *Table) int {
	if len(t.Pages) > 0 {
		return t.Pages[0]
	}
	return 0
}

func (t *Table) repair(rule string, read, n int, msg string) Repair {
	r := Repair{Rule: rule, Attachment: n, Page: firstPage(t), Line: t.FirstLine, Message: msg}
	if read > 0 {
		r.Read, r.As = fmt.Sprint(read), fmt.Sprint(n)
	}
	return r
}

// placeRepairs names in each repair the table it concerns: the one whose
// lines hold the repaired line (line repairs are made before there are
// tables), or the one that starts at the repair's page and line.
func placeRepairs(tables []*Table, repairs []Repair) []Repair {
	for i, r := range repairs {
		for _, t := range tables {
			if r.Line >= t.FirstLine && r.Line <= t.LastLine && containsPage(t.Pages, r.Page) {
				repairs[i].Attachment, repairs[i].Part = t.Attachment, t.Part
				break
			}
		}
	}
	return repairs
}

func containsPage(pages []int, p int) bool {
	for _, q := range pages {
		if q == p {
			return true
		}
	}
	return false
}
