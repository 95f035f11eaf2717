package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The OpenAPI 3.1 document of the public API (DESIGN section 6). It is
// built once at start from the route table and from the domain's own code
// lists, so it describes what this binary serves; openapi_test.go checks
// real responses against it.

// obj keeps the document's many literals readable.
type obj = map[string]any

// apiDoc is the encoded document with its validator for conditional GETs.
type apiDoc struct {
	body []byte
	etag string
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("ETag", s.openapi.etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(s.openapi.body))
}

// buildOpenAPI documents every mounted route that has an operation below;
// a route under /api/v1 without one fails openapi_test.go by name.
func (s *Server) buildOpenAPI() (apiDoc, error) {
	ops := operations()
	paths := obj{}
	for _, rt := range s.routes() {
		op, ok := ops[rt.method+" "+rt.pattern]
		if !ok {
			continue
		}
		op["parameters"] = append([]any{ref("parameters", "AcceptLanguage")}, op["parameters"].([]any)...)
		resp := op["responses"].(obj)
		resp["500"] = ref("responses", "Internal")
		if rt.access == Public {
			resp["429"] = ref("responses", "RateLimited")
		}
		if rt.access == Platform {
			platformAuthDoc(op)
		}
		item, _ := paths[rt.pattern].(obj)
		if item == nil {
			item = obj{}
			paths[rt.pattern] = item
		}
		item[strings.ToLower(rt.method)] = op
	}
	doc := obj{
		"openapi":           "3.1.0",
		"jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
		"info": obj{
			"title":       "清朗 qinglang public API",
			"version":     "1.0.0",
			"description": apiConventions,
		},
		"servers": []any{obj{"url": "/", "description": "this server"}},
		"tags": []any{
			obj{"name": "reports", "description": "举报受理 · filing and tracking reports"},
			obj{"name": "meta", "description": "form definitions and this document"},
			obj{"name": "platforms", "description": "合作平台 · partner platforms, with their API key"},
			obj{"name": "debunk", "description": "权威辟谣 · debunk articles and the rumor check"},
		},
		"paths": paths,
		"components": obj{
			"schemas":         schemas(),
			"parameters":      parameters(),
			"responses":       responses(),
			"securitySchemes": securitySchemes(),
		},
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return apiDoc{}, fmt.Errorf("web: openapi: %w", err)
	}
	sum := sha256.Sum256(b.Bytes())
	return apiDoc{body: b.Bytes(), etag: `"` + hex.EncodeToString(sum[:8]) + `"`}, nil
}

const apiConventions = `JSON API of the city's internet illegal and harmful information reporting center (互联网违法和不良信息举报中心), for mini-programs and partner platforms.

Conventions:

- **Encoding.** Request and response bodies are UTF-8 JSON. A JSON request must carry ` + "`Content-Type: application/json`" + `, otherwise it is refused with 415; a charset other than UTF-8 is refused with 415 and bytes that are not UTF-8 with 400. Evidence is uploaded as ` + "`multipart/form-data`" + ` with the file in the part ` + "`file`" + `.
- **Strict bodies.** Unknown fields, a value of the wrong JSON type, more than one JSON value in a body, and bodies over 256 KB are refused (400, 413) with an error that names the field.
- **Errors.** Every 4xx and 5xx answer has the body ` + "`{\"error\":{\"code\",\"message\",\"fields\"}}`" + `: ` + "`code`" + ` is stable for programs, ` + "`message`" + ` is written for people, and ` + "`fields`" + ` maps each input at fault (` + "`content`, `urls[2]`, `zone_fields.credit_code`, `reporter.phone`, `body`" + `…) to what is wrong with it. All problems of a submission are reported at once.
- **Language.** Messages and labels are Chinese by default; send ` + "`Accept-Language: en`" + ` (or ` + "`?lang=en`" + `) for English. Definitions carry both (` + "`label`, `label_en`" + `).
- **Rate limits.** Public endpoints are limited per client address. Over the limit the answer is 429 with a ` + "`Retry-After`" + ` header in seconds.
- **Tracking secrets.** A wrong secret and an unknown tracking code get the same 404 answer. Repeated wrong guesses from one client are refused with 429 and ` + "`Retry-After`" + ` for a while. Secrets are never written to logs.
- **Durability.** 201 is sent only after the report is committed to durable storage; a client that got no answer may retry, a client that got 201 must not.
- **Tracking codes** use Crockford base32 (no I, L, O, U) and are read case-insensitively, with or without hyphens; O is read as 0 and I or L as 1.
- **Personal data** (the reporter's name, phone and e-mail, and zone fields marked ` + "`x-sensitive`" + `) is encrypted at rest and never returned by this API.`

// operations describes each endpoint, keyed like the route table.
func operations() map[string]obj {
	ops := publicOperations()
	for k, v := range platformOperations() {
		ops[k] = v
	}
	for k, v := range debunkOperations() {
		ops[k] = v
	}
	return ops
}

func publicOperations() map[string]obj {
	jsonBody := func(schema string, example any) obj {
		return obj{"required": true, "content": obj{"application/json": obj{
			"schema": ref("schemas", schema), "example": example}}}
	}
	created := func(desc, schema string) obj {
		return obj{"description": desc, "content": obj{"application/json": obj{"schema": ref("schemas", schema)}}}
	}
	bodyErrors := func(r obj) obj {
		r["400"] = ref("responses", "BadRequest")
		r["413"] = ref("responses", "TooLarge")
		r["415"] = ref("responses", "Unsupported")
		return r
	}
	caseResponses := func() obj {
		return bodyErrors(obj{
			"201": created("The case as it now stands.", "Case"),
			"404": ref("responses", "NoCase"),
			"409": ref("responses", "Conflict"),
		})
	}
	return map[string]obj{
		"GET /api/openapi.json": {
			"operationId": "openapi", "tags": []any{"meta"},
			"summary":    "This document",
			"parameters": []any{},
			"responses": obj{"200": obj{"description": "The OpenAPI 3.1 document; cacheable, with an ETag.",
				"content": obj{"application/json": obj{"schema": obj{"type": "object"}}}}},
		},
		"GET /api/v1/categories": {
			"operationId": "listCategories", "tags": []any{"meta"},
			"summary":     "Categories, zones and their field definitions",
			"description": "Everything a client needs to render the report form: the categories (举报类型), the special zones (举报专区) with the definitions of their extra fields (code, 中文 label, type, required, options, limits), the channels and the districts. Zone fields are also described as JSON Schemas under `components/schemas/ZoneFields_*`.",
			"parameters":  []any{},
			"responses": obj{"200": obj{"description": "The form definitions; cacheable for five minutes.",
				"headers": obj{"Cache-Control": obj{"schema": obj{"type": "string"}, "example": "public, max-age=300"}},
				"content": obj{"application/json": obj{"schema": ref("schemas", "FormDefinitions")}}}},
		},
		"POST /api/v1/evidence": {
			"operationId": "uploadEvidence", "tags": []any{"reports"},
			"summary":     "Upload one evidence file",
			"description": "Screenshots, scanned documents and screen recordings. The type is decided by the file's bytes, not by its name or the part's Content-Type: JPEG, PNG, GIF and WebP images, PDF documents and MP4 video are accepted. Identical files are stored once. The returned `id` is then listed in a report's `evidence_ids` (or a zone's file field, or a material's `evidence_ids`); an id can be attached to one case only.",
			"parameters":  []any{},
			"requestBody": obj{"required": true, "content": obj{"multipart/form-data": obj{
				"schema":   ref("schemas", "EvidenceUpload"),
				"encoding": obj{"file": obj{"contentType": strings.Join(evidenceMIMEs(), ", ")}},
			}}},
			"responses": obj{
				"201": created("The file was checked and stored durably.", "Evidence"),
				"400": ref("responses", "BadRequest"),
				"413": ref("responses", "TooLarge"),
				"415": ref("responses", "Unsupported"),
			},
		},
		"POST /api/v1/reports": {
			"operationId": "createReport", "tags": []any{"reports"},
			"summary":     "File a report (举报)",
			"description": "Validates the whole report and answers every problem at once. On success the report, its first timeline entry and its evidence are committed in one transaction before 201 is sent. The `secret` in the receipt is shown only this once; the reporter needs it with the tracking code to follow the case.",
			"parameters":  []any{},
			"requestBody": jsonBody("ReportSubmission", obj{
				"category": "fraud", "content": "某网站以“高息理财”为名诱导投资，已有多人被骗。",
				"urls": []any{"https://example.com/licai"}, "reporter": obj{"anonymous": false, "phone": "13800138000"},
			}),
			"responses": bodyErrors(obj{"201": obj{
				"description": "Stored durably. `Location` is the tracking endpoint for this code.",
				"headers":     obj{"Location": obj{"schema": obj{"type": "string"}}},
				"content":     obj{"application/json": obj{"schema": ref("schemas", "Receipt")}},
			}}),
		},
		"GET /api/v1/reports/track": {
			"operationId": "trackReport", "tags": []any{"reports"},
			"summary":     "Follow a case with its tracking code and secret",
			"description": "The status, the timeline visible to the reporter, the latest reply and the material added. An unknown code and a wrong secret get the same 404; repeated wrong guesses are answered with 429.",
			"parameters": []any{
				obj{"name": "code", "in": "query", "required": true, "description": "Tracking code (查询码); any case, hyphens optional.", "schema": obj{"type": "string", "maxLength": 64}, "example": "7KQ2M-9XDH3"},
				obj{"name": "secret", "in": "query", "required": true, "description": "Secret (查询密码) from the receipt; any case, hyphens optional.", "schema": obj{"type": "string", "maxLength": 64}, "example": "M9XD-3HPA-7KQ2"},
			},
			"responses": obj{
				"200": created("The case.", "Case"),
				"404": ref("responses", "NoCase"),
			},
		},
		"POST /api/v1/reports/track/material": {
			"operationId": "addMaterial", "tags": []any{"reports"},
			"summary":     "Add material (补充材料) to an open case",
			"description": "Text, files, or both. Refused with 409 once the case is closed or merged.",
			"parameters":  []any{},
			"requestBody": jsonBody("MaterialRequest", obj{"code": "7KQ2M-9XDH3", "secret": "M9XD-3HPA-7KQ2", "text": "补充：该网站已更换域名。", "evidence_ids": []any{}}),
			"responses":   caseResponses(),
		},
		"POST /api/v1/reports/track/rating": {
			"operationId": "rateReply", "tags": []any{"reports"},
			"summary":     "Rate the center's latest reply (评价)",
			"description": "Possible once per reply, and only after a reply (or a refusal) has been given; otherwise 409.",
			"parameters":  []any{},
			"requestBody": jsonBody("RatingRequest", obj{"code": "7KQ2M-9XDH3", "secret": "M9XD-3HPA-7KQ2", "satisfied": true, "comment": "处理及时"}),
			"responses":   caseResponses(),
		},
	}
}

func ref(kind, name string) obj { return obj{"$ref": "#/components/" + kind + "/" + name} }

func parameters() obj {
	return obj{"AcceptLanguage": obj{
		"name": "Accept-Language", "in": "header", "required": false,
		"description": "`en` for English messages and labels; Chinese otherwise. `?lang=en` does the same.",
		"schema":      obj{"type": "string"}, "example": "en",
	}}
}

func responses() obj {
	errResp := func(desc string) obj {
		return obj{"description": desc, "content": obj{"application/json": obj{"schema": ref("schemas", "Error")}}}
	}
	limited := errResp("Too many requests from this client, or too many wrong tracking secrets. Wait the number of seconds in Retry-After.")
	limited["headers"] = obj{"Retry-After": obj{"description": "Seconds to wait before retrying.", "required": true,
		"schema": obj{"type": "integer", "minimum": 1}}}
	out := obj{
		"BadRequest":  errResp("The input is invalid; `error.fields` names each field at fault."),
		"NoCase":      errResp("No case matches this tracking code and secret. The same answer is given for an unknown code and a wrong secret."),
		"Conflict":    errResp("The case's state does not allow this (already rated, no reply yet, closed)."),
		"TooLarge":    errResp("The body or the file is too large."),
		"Unsupported": errResp("Wrong Content-Type, or a file type that is not accepted."),
		"RateLimited": limited,
		"Internal":    errResp("An internal error; details are only in the server's log."),
	}
	for k, v := range platformResponses(errResp) {
		out[k] = v
	}
	out["NoArticle"] = errResp("No published article has this slug.")
	return out
}
