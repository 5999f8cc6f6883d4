package pdf

import (
	"context"
	"sync"
)

// Assisting at the tail of a batch. In a batch every document is read with
// one PDFium instance (OneInstance: a second one would parse the document
// and load its fonts again), so when the last documents are in progress a
// worker with nothing left to start sits idle while another still has many
// pages to go. Assist lends that worker's core to the document with the
// most pages left: it opens the document in an instance of its own and
// takes pages from the same queue as the instance reading it, so the
// result is the same as when one instance reads every page.

// activeDoc is a document whose pages are being read.
type activeDoc struct {
	ctx     context.Context
	data    []byte
	sh      *sharedPages
	helpers sync.WaitGroup // Assist calls in it
}

// assisting holds the documents being read, for Assist.
type assisting struct {
	mu     sync.Mutex
	active map[*activeDoc]bool
}

func (a *assisting) add(d *activeDoc) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.active == nil {
		a.active = map[*activeDoc]bool{}
	}
	a.active[d] = true
}

// remove takes d out of reach of Assist and waits for those helping it.
func (a *assisting) remove(d *activeDoc) {
	a.mu.Lock()
	delete(a.active, d)
	a.mu.Unlock()
	d.helpers.Wait()
}

// pick returns the document with most pages left, at least 2×minHelperPages
// (fewer are done sooner than a second instance opens the document), with
// a helper counted in; nil if there is none.
func (a *assisting) pick() *activeDoc {
	a.mu.Lock()
	defer a.mu.Unlock()
	var best *activeDoc
	for d := range a.active {
		if d.ctx.Err() == nil && (best == nil || d.sh.left() > best.sh.left()) {
			best = d
		}
	}
	if best == nil || best.sh.left() < 2*minHelperPages {
		return nil
	}
	best.helpers.Add(1)
	return best
}

// Assist reads pages of the document, among those being read, with the
// most pages left, until none is left, and reports whether there was one
// to help. A caller with nothing else to do calls it until it says false.
func (r *Reader) Assist(ctx context.Context) bool {
	d := r.assist.pick()
	if d == nil {
		return false
	}
	defer d.helpers.Done()
	in, err := r.pool.GetInstanceWithContext(ctx)
	if err != nil {
		return false
	}
	if d.ctx.Err() != nil || d.sh.left() < minHelperPages {
		in.Close()
		return true
	}
	d.sh.record(readPages(d.ctx, in, &r.apis, d.data, d.sh, r.limits.MaxMemoryMB))
	return true
}

// Assist lends the caller to a document being read (see Reader.Assist);
// false when there is none, and always before PDFium has started.
func (l *Lazy) Assist(ctx context.Context) bool {
	select {
	case <-l.ready:
	default:
		return false
	}
	if l.r == nil {
		return false
	}
	return l.r.Assist(ctx)
}
