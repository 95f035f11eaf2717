package web

import (
	"fmt"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/category"
	"qinglang/internal/evidence"
	"qinglang/internal/report"
)

// JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses) of the public API's
// bodies. Code lists come from the packages that own them; limits from
// the constants the validation uses.

// crockford is the alphabet of tracking codes and secrets (package report).
const crockford = "[0-9A-HJKMNP-TV-Z]"

func schemas() obj {
	s := obj{
		"Error":           errorSchema(),
		"Labelled":        labelledSchema(nil),
		"Category":        categorySchema(),
		"FieldDefinition": fieldDefinitionSchema(),
		"ZoneDefinition":  zoneDefinitionSchema(),
		"FormDefinitions": formDefinitionsSchema(),
		"EvidenceID": obj{"type": "string", "pattern": `^[A-Za-z0-9_-]{1,64}$`,
			"description": "An `id` returned by POST /api/v1/evidence."},
		"EvidenceUpload": obj{"type": "object", "required": []any{"file"},
			"properties": obj{"file": obj{"type": "string", "contentMediaType": "application/octet-stream",
				"description": "The file. JPEG, PNG, GIF, WebP, PDF or MP4 by content; at most the server's upload limit (20 MB by default)."}}},
		"Evidence": obj{"type": "object", "additionalProperties": false,
			"required": []any{"id", "sha256", "size", "mime"},
			"properties": obj{
				"id":     ref("schemas", "EvidenceID"),
				"sha256": obj{"type": "string", "pattern": "^[0-9a-f]{64}$"},
				"size":   obj{"type": "integer", "minimum": 1},
				"mime":   obj{"type": "string", "enum": anys(evidenceMIMEs())},
			}},
		"URL": obj{"type": "string", "format": "uri", "pattern": `^[Hh][Tt][Tt][Pp][Ss]?://`, "maxLength": 2048,
			"description": "An http or https address of the harmful content."},
		"Code":             obj{"type": "string", "pattern": `^[a-z0-9_-]{1,64}$`},
		"Reporter":         reporterSchema(),
		"ReportSubmission": submissionSchema(),
		"Receipt":          receiptSchema(),
		"Case":             caseSchema(),
		"MaterialRequest":  materialSchema(),
		"RatingRequest":    ratingSchema(),
	}
	for _, z := range category.Zones() {
		s[zoneSchemaName(z.Code)] = zoneFieldsSchema(z)
	}
	for k, v := range platformSchemas() {
		s[k] = v
	}
	for k, v := range debunkSchemas() {
		s[k] = v
	}
	return s
}

func zoneSchemaName(code string) string { return "ZoneFields_" + code }

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func categoryCodes() []any {
	var out []any
	for _, c := range category.Categories() {
		out = append(out, c.Code)
	}
	return out
}

func zoneCodes() []any {
	var out []any
	for _, z := range category.Zones() {
		out = append(out, z.Code)
	}
	return out
}

func evidenceMIMEs() []string {
	return []string{evidence.JPEG, evidence.PNG, evidence.GIF, evidence.WebP, evidence.PDF, evidence.MP4}
}

func errorSchema() obj {
	codes := []apperr.Code{apperr.Invalid, apperr.NotFound, apperr.Conflict, apperr.Unauthorized, apperr.Forbidden,
		apperr.TooLarge, apperr.Unsupported, apperr.RateLimited, apperr.Unavailable, apperr.Internal}
	return obj{"type": "object", "additionalProperties": false, "required": []any{"error"},
		"properties": obj{"error": obj{"type": "object", "additionalProperties": false,
			"required": []any{"code", "message"},
			"properties": obj{
				"code":    obj{"type": "string", "enum": anys(codes), "description": "Stable kind of error, for programs."},
				"message": obj{"type": "string", "minLength": 1, "description": "For people, in the request's language; when fields are at fault it repeats their messages."},
				"fields": obj{"type": "object", "minProperties": 1, "additionalProperties": obj{"type": "string", "minLength": 1},
					"description": "Input name → what is wrong with it. Names follow the request: `content`, `urls[0]`, `zone_fields.credit_code`, `reporter.phone`, `evidence_ids[1]`, `file`; `body` and `Content-Type` for the request as a whole."},
			}}}}
}

// labelledSchema is a code with its Chinese and English labels; codes
// restricts the code to an enumeration when given.
func labelledSchema(codes []any) obj {
	code := obj{"type": "string"}
	if codes != nil {
		code["enum"] = codes
	}
	return obj{"type": "object", "additionalProperties": false, "required": []any{"code", "label", "label_en"},
		"properties": obj{"code": code, "label": obj{"type": "string", "minLength": 1}, "label_en": obj{"type": "string", "minLength": 1}}}
}

func categorySchema() obj {
	s := labelledSchema(categoryCodes())
	props := s["properties"].(obj)
	props["description"] = obj{"type": "string"}
	props["description_en"] = obj{"type": "string"}
	s["required"] = append(s["required"].([]any), "description", "description_en")
	return s
}

// fieldTypes lists the zone field types in use.
func fieldTypes() []any {
	seen := map[category.FieldType]bool{}
	var out []any
	for _, z := range category.Zones() {
		for _, f := range z.Fields {
			if !seen[f.Type] {
				seen[f.Type] = true
				out = append(out, string(f.Type))
			}
		}
	}
	return out
}

func fieldDefinitionSchema() obj {
	s := labelledSchema(nil)
	props := s["properties"].(obj)
	for k, v := range (obj{
		"help":         obj{"type": "string"},
		"help_en":      obj{"type": "string"},
		"type":         obj{"type": "string", "enum": fieldTypes(), "description": "How the value is entered and sent; see the ZoneFields_* schemas for the JSON form of each."},
		"required":     obj{"type": "boolean"},
		"required_if":  obj{"type": "object", "additionalProperties": false, "required": []any{"field", "equals"}, "properties": obj{"field": obj{"type": "string"}, "equals": obj{"type": "string"}}, "description": "Required only when another field has this value; otherwise the value is dropped."},
		"must_be_true": obj{"type": "boolean", "description": "A declaration the reporter has to accept."},
		"options":      obj{"type": "array", "items": ref("schemas", "Labelled")},
		"max_length":   obj{"type": "integer", "minimum": 1},
		"max_items":    obj{"type": "integer", "minimum": 1},
		"min":          obj{"type": "number"},
		"max":          obj{"type": "number"},
		"sensitive":    obj{"type": "boolean", "description": "Personal information: encrypted at rest and never shown back."},
	}) {
		props[k] = v
	}
	s["required"] = append(s["required"].([]any), "type", "required")
	return s
}

func zoneDefinitionSchema() obj {
	s := categorySchema()
	s["properties"].(obj)["code"] = obj{"type": "string", "enum": zoneCodes()}
	s["properties"].(obj)["default_category"] = obj{"type": "string", "enum": categoryCodes()}
	s["properties"].(obj)["fields"] = obj{"type": "array", "minItems": 1, "items": ref("schemas", "FieldDefinition")}
	s["required"] = append(s["required"].([]any), "default_category", "fields")
	return s
}

func formDefinitionsSchema() obj {
	var channels []any
	for _, c := range report.Channels() {
		channels = append(channels, string(c))
	}
	return obj{"type": "object", "additionalProperties": false,
		"required": []any{"categories", "zones", "channels", "districts"},
		"properties": obj{
			"categories": obj{"type": "array", "items": ref("schemas", "Category")},
			"zones":      obj{"type": "array", "items": ref("schemas", "ZoneDefinition")},
			"channels":   obj{"type": "array", "items": labelledSchema(channels)},
			"districts":  obj{"type": "array", "items": ref("schemas", "Labelled"), "description": "The codes a report's `district` may take."},
		}}
}

// zoneFieldsSchema is the JSON form of one zone's extra fields, with the
// conditional requirements (an agent's identity when filer is agent).
func zoneFieldsSchema(z category.Zone) obj {
	props := obj{}
	var required []any
	conds := map[category.Cond][]any{}
	var condOrder []category.Cond
	for _, f := range z.Fields {
		props[f.Code] = fieldSchema(f)
		switch {
		case f.RequiredIf != nil:
			if _, ok := conds[*f.RequiredIf]; !ok {
				condOrder = append(condOrder, *f.RequiredIf)
			}
			conds[*f.RequiredIf] = append(conds[*f.RequiredIf], f.Code)
		case f.Required || f.MustBeTrue:
			required = append(required, f.Code)
		}
	}
	s := obj{"type": "object", "additionalProperties": false, "properties": props,
		"title":       z.Label.Zh + " · " + z.Label.En,
		"description": fmt.Sprintf("Zone fields of %s (%s): %s. Without a category the report gets %q.", z.Code, z.Label.Zh, z.Desc.En, z.DefaultCategory)}
	if len(required) > 0 {
		s["required"] = required
	}
	var allOf []any
	for _, c := range condOrder {
		allOf = append(allOf, obj{
			"if":   obj{"properties": obj{c.Field: obj{"const": c.Equals}}, "required": []any{c.Field}},
			"then": obj{"required": conds[c]},
		})
	}
	if allOf != nil {
		s["allOf"] = allOf
	}
	return s
}

// fieldSchema is the canonical JSON form of a field's value. The server
// also takes the looser forms an HTML form sends (numbers as strings,
// comma- or line-separated lists), but clients should send these.
func fieldSchema(f category.Field) obj {
	desc := f.Label.Zh + " · " + f.Label.En
	if f.Help.En != "" {
		desc += ". " + f.Help.Zh + " · " + f.Help.En
	}
	var s obj
	switch f.Type {
	case category.TypeText, category.TypeTextarea:
		s = obj{"type": "string"}
		if f.MaxLen > 0 {
			s["maxLength"] = f.MaxLen
		}
	case category.TypeSelect:
		s = obj{"type": "string", "enum": optionCodes(f)}
	case category.TypeMultiSelect:
		s = obj{"type": "array", "uniqueItems": true, "items": obj{"type": "string", "enum": optionCodes(f)}}
	case category.TypeNumber:
		s = obj{"type": "number"}
		if f.Max > 0 {
			s["minimum"], s["maximum"] = f.Min, f.Max
		}
	case category.TypeBool:
		s = obj{"type": "boolean"}
		if f.MustBeTrue {
			s["const"] = true
		}
	case category.TypeUSCC:
		s = obj{"type": "string", "pattern": `^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$`}
		desc += ". 18 characters (GB 32100); the check character is verified."
	case category.TypeIDCard:
		s = obj{"type": "string", "pattern": `^[0-9]{17}[0-9Xx]$`}
		desc += ". 18-character resident identity number (GB 11643); the check digit is verified."
	case category.TypePhone:
		s = obj{"type": "string", "pattern": `^1[3-9][0-9]{9}$`}
		desc += ". Mainland mobile number; a +86 prefix, spaces and hyphens are also accepted."
	case category.TypeURLs:
		s = obj{"type": "array", "minItems": 1, "items": ref("schemas", "URL")}
	case category.TypeFiles:
		s = obj{"type": "array", "minItems": 1, "items": ref("schemas", "EvidenceID")}
		desc += ". Evidence ids from POST /api/v1/evidence."
	case category.TypeDate:
		s = obj{"type": "string", "format": "date"}
	default:
		s = obj{}
	}
	if f.MaxItems > 0 {
		s["maxItems"] = f.MaxItems
	}
	if f.Sensitive {
		s["x-sensitive"] = true
		desc += ". Personal information: encrypted at rest."
	}
	s["description"] = desc
	return s
}

func optionCodes(f category.Field) []any {
	var out []any
	for _, o := range f.Options {
		out = append(out, o.Code)
	}
	return out
}

func reporterSchema() obj {
	empty := obj{"maxLength": 0}
	return obj{"type": "object", "additionalProperties": false,
		"description": "Who files the report. A named report needs a phone number or an e-mail address for the reply; an anonymous one must leave name and contacts empty. Name, phone and e-mail are encrypted at rest.",
		"properties": obj{
			"anonymous": obj{"type": "boolean", "default": false},
			"name":      obj{"type": "string", "maxLength": report.MaxName},
			"phone": obj{"type": "string", "pattern": `^$|^1[3-9][0-9]{9}$`,
				"description": "Mainland mobile number; a +86 prefix, spaces and hyphens are also accepted."},
			"email": obj{"type": "string", "maxLength": 254, "pattern": `^$|^[^@\s]+@[^@\s]+\.[^@\s]+$`},
		},
		"if":   obj{"properties": obj{"anonymous": obj{"const": true}}, "required": []any{"anonymous"}},
		"then": obj{"properties": obj{"name": empty, "phone": empty, "email": empty}},
		"else": obj{"anyOf": []any{
			obj{"required": []any{"phone"}, "properties": obj{"phone": obj{"minLength": 1}}},
			obj{"required": []any{"email"}, "properties": obj{"email": obj{"minLength": 1}}},
		}},
	}
}

func submissionSchema() obj {
	var channels []any
	for _, c := range report.Channels() {
		channels = append(channels, string(c))
	}
	allOf := []any{
		obj{"if": obj{"not": obj{"required": []any{"zone"}}},
			"then": obj{
				"properties": obj{"zone_fields": obj{"maxProperties": 0}},
				"anyOf": []any{
					obj{"required": []any{"urls"}, "properties": obj{"urls": obj{"minItems": 1}}},
					obj{"required": []any{"evidence_ids"}, "properties": obj{"evidence_ids": obj{"minItems": 1}}},
				},
			}},
		obj{"if": obj{"properties": obj{"channel": obj{"const": "platform"}}, "required": []any{"channel"}},
			"then": obj{"required": []any{"platform"}}},
	}
	var perZone []string
	for _, z := range category.Zones() {
		then := obj{"required": []any{"zone_fields"}, "properties": obj{"zone_fields": ref("schemas", zoneSchemaName(z.Code))}}
		if z.Code == "enterprise_infringement" {
			// Standing must be verifiable: these reports are never anonymous.
			then["properties"].(obj)["reporter"] = obj{"properties": obj{"anonymous": obj{"const": false}}}
		}
		allOf = append(allOf, obj{"if": obj{"properties": obj{"zone": obj{"const": z.Code}}, "required": []any{"zone"}}, "then": then})
		perZone = append(perZone, fmt.Sprintf("`%s` → ZoneFields_%s", z.Code, z.Code))
	}
	return obj{"type": "object", "additionalProperties": false,
		"required": []any{"content", "reporter"},
		"anyOf":    []any{obj{"required": []any{"category"}}, obj{"required": []any{"zone"}}},
		"allOf":    allOf,
		"properties": obj{
			"category": obj{"type": "string", "enum": categoryCodes(), "description": "举报类型. May be left out when a zone is given: the zone's default category applies."},
			"zone":     obj{"type": "string", "enum": zoneCodes(), "description": "举报专区, if the report belongs to a special zone."},
			"content": obj{"type": "string", "minLength": report.MinContent, "maxLength": report.MaxContent,
				"description": "What the harmful content is and where it appears."},
			"urls": obj{"type": "array", "maxItems": report.MaxURLs, "items": ref("schemas", "URL"),
				"description": "Links to the content. Without a zone, at least one link or one evidence file is needed."},
			"platform":     withDesc(ref("schemas", "Code"), "Partner platform code; required when channel is `platform`."),
			"channel":      obj{"type": "string", "enum": channels, "default": "api", "description": "受理渠道."},
			"campaign":     withDesc(ref("schemas", "Code"), "专项举报 code; the campaign must be open and take the category."),
			"district":     withDesc(ref("schemas", "Code"), "A district code from GET /api/v1/categories."),
			"zone_fields":  obj{"type": "object", "description": "The zone's extra fields, only together with `zone`: " + strings.Join(perZone, ", ") + ". GET /api/v1/categories describes the same fields for form rendering."},
			"evidence_ids": obj{"type": "array", "maxItems": report.MaxEvidence, "items": ref("schemas", "EvidenceID"), "description": "Evidence uploaded before; each id can be attached to one case only."},
			"reporter":     ref("schemas", "Reporter"),
		}}
}

// withDesc annotates a $ref; OpenAPI 3.1 allows siblings of $ref.
func withDesc(s obj, desc string) obj {
	s["description"] = desc
	return s
}

func statusEnum() []any {
	var out []any
	for _, s := range report.Statuses() {
		out = append(out, string(s))
	}
	return out
}

func receiptSchema() obj {
	return obj{"type": "object", "additionalProperties": false,
		"required": []any{"tracking_code", "secret", "status", "created_at", "track_url", "debunks"},
		"properties": obj{
			"tracking_code": obj{"type": "string", "pattern": "^" + crockford + "{5}-" + crockford + "{5}$", "description": "查询码: identifies the case."},
			"secret":        obj{"type": "string", "pattern": "^" + crockford + "{4}-" + crockford + "{4}-" + crockford + "{4}$", "description": "查询密码: shown only in this answer."},
			"status":        obj{"type": "string", "enum": statusEnum()},
			"created_at":    obj{"type": "string", "format": "date-time"},
			"track_url":     obj{"type": "string", "format": "uri", "description": "The portal page where the reporter follows the case."},
			"debunks":       debunksSchema(),
		}}
}

// debunksSchema describes the debunked rumors a report matched.
func debunksSchema() obj {
	link := obj{"type": "object", "additionalProperties": false, "required": []any{"title", "url"},
		"properties": obj{"title": obj{"type": "string"}, "url": obj{"type": "string"}}}
	notice := obj{"type": "object", "additionalProperties": false, "required": []any{"rumor_id", "title", "verdict", "links"},
		"properties": obj{"rumor_id": obj{"type": "integer"}, "title": obj{"type": "string"},
			"verdict": obj{"type": "string", "enum": []any{"rumor", "false", "misleading"}}, "links": obj{"type": "array", "items": link}}}
	return obj{"type": "array", "items": notice,
		"description": "Debunked rumors this report matched (权威辟谣), with where the facts are; empty when none."}
}

func caseSchema() obj {
	at := obj{"type": "string", "format": "date-time"}
	event := obj{"type": "object", "additionalProperties": false,
		"required": []any{"at", "action", "label", "status", "status_label"},
		"properties": obj{"at": at, "action": obj{"type": "string"}, "label": obj{"type": "string"},
			"status": obj{"type": "string", "enum": statusEnum()}, "status_label": obj{"type": "string"}, "note": obj{"type": "string"}}}
	reply := obj{"type": "object", "additionalProperties": false, "required": []any{"at", "kind", "text"},
		"properties": obj{"at": at, "kind": obj{"type": "string", "enum": []any{"reply", "rejection"}}, "text": obj{"type": "string"}}}
	material := obj{"type": "object", "additionalProperties": false, "required": []any{"at", "text", "files"},
		"properties": obj{"at": at, "text": obj{"type": "string"}, "files": obj{"type": "integer", "minimum": 0}}}
	return obj{"type": "object", "additionalProperties": false,
		"required": []any{"tracking_code", "status", "status_label", "category", "category_label", "created_at", "updated_at",
			"timeline", "reply", "materials", "evidence_count", "can_add_material", "can_rate", "debunks"},
		"properties": obj{
			"tracking_code":    receiptSchema()["properties"].(obj)["tracking_code"],
			"status":           obj{"type": "string", "enum": statusEnum()},
			"status_label":     obj{"type": "string"},
			"category":         obj{"type": "string", "enum": categoryCodes()},
			"category_label":   obj{"type": "string"},
			"zone":             obj{"type": "string", "enum": zoneCodes()},
			"zone_label":       obj{"type": "string"},
			"created_at":       at,
			"updated_at":       at,
			"timeline":         obj{"type": "array", "minItems": 1, "items": event, "description": "What happened, oldest first, as the reporter may see it."},
			"reply":            obj{"anyOf": []any{reply, obj{"type": "null"}}, "description": "The center's latest answer: a reply, or the reason a report was not accepted."},
			"materials":        obj{"type": "array", "items": material},
			"evidence_count":   obj{"type": "integer", "minimum": 0},
			"can_add_material": obj{"type": "boolean"},
			"can_rate":         obj{"type": "boolean", "description": "True when there is a reply not rated yet."},
			"debunks":          debunksSchema(),
		}}
}

func trackedProps() obj {
	return obj{
		"code":   obj{"type": "string", "minLength": 1, "maxLength": 64, "description": "Tracking code (查询码)."},
		"secret": obj{"type": "string", "minLength": 1, "maxLength": 64, "description": "Secret (查询密码)."},
	}
}

func materialSchema() obj {
	p := trackedProps()
	p["text"] = obj{"type": "string", "maxLength": report.MaxMaterial}
	p["evidence_ids"] = obj{"type": "array", "maxItems": report.MaxEvidence, "items": ref("schemas", "EvidenceID")}
	return obj{"type": "object", "additionalProperties": false, "required": []any{"code", "secret"}, "properties": p,
		"anyOf": []any{
			obj{"required": []any{"text"}, "properties": obj{"text": obj{"minLength": 1}}},
			obj{"required": []any{"evidence_ids"}, "properties": obj{"evidence_ids": obj{"minItems": 1}}},
		}}
}

func ratingSchema() obj {
	p := trackedProps()
	p["satisfied"] = obj{"type": "boolean", "description": "满意 (true) or 不满意 (false)."}
	p["comment"] = obj{"type": "string", "maxLength": report.MaxComment}
	return obj{"type": "object", "additionalProperties": false, "required": []any{"code", "secret", "satisfied"}, "properties": p}
}
