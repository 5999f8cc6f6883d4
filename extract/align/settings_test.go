package align

import (
	"reflect"
	"testing"
)

// ocrOwn are the tolerances the OCR settings set for themselves; every
// other one is the text layer's.
var ocrOwn = map[string]bool{
	"ColumnGap": true, "NarrowColumnGap": true, "CellGap": true, "AmountGap": true,
	"RealSpaceGap": true, "WrapTight": true, "WrapMinPitch": true, "OCR": true,
}

// TestDefaultsSetEveryTolerance: Defaults gives every tolerance a value (a
// field left at zero would switch a step off or make it match nothing),
// and the OCR settings share all but their own few with the text layer.
func TestDefaultsSetEveryTolerance(t *testing.T) {
	d := Defaults()
	if d.OCR == nil {
		t.Fatal("Defaults().OCR is nil")
	}
	v, o := reflect.ValueOf(d), reflect.ValueOf(*d.OCR)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if name == "OCR" {
			continue
		}
		if v.Field(i).IsZero() {
			t.Errorf("Defaults().%s is zero", name)
		}
		if !ocrOwn[name] && !reflect.DeepEqual(v.Field(i).Interface(), o.Field(i).Interface()) {
			t.Errorf("Defaults().OCR.%s = %v, text layer %v: OCR keeps the text layer's value", name, o.Field(i), v.Field(i))
		}
	}
	if d.OCR.OCR != nil {
		t.Error("Defaults().OCR.OCR is set; OCR settings have no OCR of their own")
	}
}
