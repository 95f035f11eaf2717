package category

// FieldType says how a zone field is entered, validated and stored.
// (The constants carry a Type prefix because Text is the label type.)
type FieldType string

const (
	TypeText        FieldType = "text"
	TypeTextarea    FieldType = "textarea"
	TypeSelect      FieldType = "select"
	TypeMultiSelect FieldType = "multiselect"
	TypeNumber      FieldType = "number" // decimal amount
	TypeBool        FieldType = "bool"   // checkbox or declaration
	TypeUSCC        FieldType = "uscc"   // 统一社会信用代码, GB 32100
	TypeIDCard      FieldType = "idcard" // 居民身份证号, GB 11643
	TypePhone       FieldType = "phone"  // mainland mobile number
	TypeURLs        FieldType = "urls"   // list of URLs, see urlnorm
	TypeFiles       FieldType = "files"  // list of uploaded evidence ids
	TypeDate        FieldType = "date"   // YYYY-MM-DD
)

// Default limits for fields that do not set their own, so no free-text
// field is unbounded.
const (
	defaultTextLen     = 200
	defaultTextareaLen = 5000
	defaultMaxItems    = 50
)

// Field is one extra field of a special zone.
type Field struct {
	Code     string
	Label    Text
	Help     Text
	Type     FieldType
	Required bool
	Options  []Option // TypeSelect, TypeMultiSelect
	MaxLen   int      // text types, in runes; 0 means the default
	MaxItems int      // list types; 0 means the default
	Min, Max float64  // TypeNumber, checked when Max > 0
	// Sensitive marks personal information: the caller encrypts these
	// values at rest and masks them in lists.
	Sensitive bool
	// RequiredIf makes the field required only when another field has a
	// given value; when the condition does not hold the value is dropped.
	RequiredIf *Cond
	// MustBeTrue is for declarations the reporter has to accept.
	MustBeTrue bool
}

// Option is one choice of a select field.
type Option struct {
	Code  string
	Label Text
}

// Cond is "field Field has the value Equals".
type Cond struct{ Field, Equals string }

// Zone is a special reporting zone (举报专区) with its own extra fields.
// DefaultCategory is the category a zone report gets unless the reporter
// or an operator chooses another.
type Zone struct {
	Code            string
	Label           Text
	Desc            Text
	DefaultCategory string
	Fields          []Field
}

// Zones returns the special zones in the order the portal lists them. Each
// call builds fresh values so callers cannot alter shared definitions.
func Zones() []Zone {
	return []Zone{
		enterpriseInfringement(),
		cyberviolence(),
		elderlyFraud(),
		algorithm(),
		practitioner(),
		historicalNihilism(),
	}
}

// LookupZone finds a zone by its code.
func LookupZone(code string) (Zone, bool) {
	for _, z := range Zones() {
		if z.Code == code {
			return z, true
		}
	}
	return Zone{}, false
}

// Field returns the zone's field with the given code.
func (z Zone) Field(code string) (Field, bool) {
	for _, f := range z.Fields {
		if f.Code == code {
			return f, true
		}
	}
	return Field{}, false
}

// opt shortens the option tables in the zone definitions.
func opt(code, zh, en string) Option { return Option{code, Text{Zh: zh, En: en}} }
