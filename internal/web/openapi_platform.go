package web

import (
	"qinglang/internal/platform"
	"qinglang/internal/report"
)

// The partner platform API's part of the OpenAPI document: its four
// operations, their schemas, and the API key scheme.

func platformOperations() map[string]obj {
	body := func(schema string, example any) obj {
		return obj{"required": true, "content": obj{"application/json": obj{"schema": ref("schemas", schema), "example": example}}}
	}
	ok := func(desc, schema string) obj {
		return obj{"description": desc, "content": obj{"application/json": obj{"schema": ref("schemas", schema)}}}
	}
	bad := func(r obj) obj {
		r["400"], r["413"], r["415"] = ref("responses", "BadRequest"), ref("responses", "TooLarge"), ref("responses", "Unsupported")
		return r
	}
	return map[string]obj{
		"POST /api/v1/platform/reports": {
			"operationId": "forwardReport", "tags": []any{"platforms"},
			"summary":     "Forward a report a user made on the platform (转交举报)",
			"description": "The same body as POST /api/v1/reports. The report is recorded with channel `platform` and the key's platform, whatever `channel` says; a body whose `platform` names another platform is refused with 403. The receipt's `secret` is shown only in this answer: pass it to the user, who follows the case with it. Send your own id of the report as `external_id`: repeating a request with the same `external_id` files nothing and answers 200 with the first case's tracking code, `duplicate: true` and `secret: null` (the secret is shown only once, in the first answer).",
			"parameters":  []any{},
			"requestBody": body("ForwardedReport", obj{"category": "fraud", "content": "用户举报：该账号以“刷单返利”为名诱导转账。",
				"urls": []any{"https://bbs.example.com/t/123"}, "reporter": obj{"anonymous": true}, "external_id": "bbs-report-88231"}),
			"responses": bad(obj{"201": obj{"description": "Stored durably.", "headers": obj{"Location": obj{"schema": obj{"type": "string"}}},
				"content": obj{"application/json": obj{"schema": ref("schemas", "Receipt")}}},
				"200": ok("Forwarded before with this external_id: nothing new was filed.", "DuplicateReceipt")}),
		},
		"POST /api/v1/platform/content": {
			"operationId": "pushContent", "tags": []any{"platforms"},
			"summary":     "Push content for monitoring (巡查监测)",
			"description": "Up to 500 items per call. Every item is checked first and one bad item refuses the batch, naming each field at fault (`items[3].url`). An item whose `external_id` this platform sent before is counted as a duplicate and not stored again, so a batch can be resent safely.",
			"parameters":  []any{},
			"requestBody": body("ContentPush", obj{"items": []any{obj{"external_id": "post-88231", "url": "https://bbs.example.com/t/88231",
				"title": "紧急通知", "text": "据传某地自来水被污染……", "author": "user123", "published_at": "2026-05-01T08:00:00Z"}}}),
			"responses": bad(obj{"200": ok("How many items were new and how many were known already.", "ContentPushResult")}),
		},
		"GET /api/v1/platform/notices": {
			"operationId": "listNotices", "tags": []any{"platforms"},
			"summary": "The platform's disposal notices (处置通知), newest first",
			"parameters": []any{
				obj{"name": "status", "in": "query", "description": "`sent` (not answered yet) or `answered`.", "schema": obj{"type": "string", "enum": []any{"sent", "answered"}}},
				obj{"name": "since", "in": "query", "description": "Only notices created at or after this RFC 3339 time or YYYY-MM-DD date (Beijing).", "schema": obj{"type": "string"}},
				obj{"name": "page", "in": "query", "schema": obj{"type": "integer", "minimum": 1, "default": 1}},
				obj{"name": "per_page", "in": "query", "schema": obj{"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
			},
			"responses": obj{"200": ok("A page of notices and the number matching in all.", "PlatformNoticeList"), "400": ref("responses", "BadRequest")},
		},
		"POST /api/v1/platform/notices/{id}/response": {
			"operationId": "respondNotice", "tags": []any{"platforms"},
			"summary":     "Answer a notice (反馈处置结果)",
			"description": "Once per notice. The outcome appears on the case's timeline, where the reporter reads it (平台反馈处置结果). Evidence (screenshots of the removal) is uploaded first with POST /api/v1/evidence. A notice of another platform answers 404; a second answer 409.",
			"parameters":  []any{obj{"name": "id", "in": "path", "required": true, "schema": obj{"type": "integer", "minimum": 1}}},
			"requestBody": body("NoticeResponse", obj{"response": "removed", "note": "已删除帖子并封禁账号 7 天", "evidence_ids": []any{}}),
			"responses": bad(obj{"200": ok("The notice as it now stands.", "PlatformNotice"),
				"404": ref("responses", "NoNotice"), "409": ref("responses", "NoticeAnswered")}),
		},
	}
}

func platformSchemas() obj {
	at := obj{"type": "string", "format": "date-time"}
	responses := anys(platform.Responses())
	notice := obj{"type": "object", "additionalProperties": false,
		"required": []any{"id", "case", "category", "what", "location", "reason", "deadline", "created_at", "status", "overdue",
			"response", "note", "responded_at", "evidence_ids", "respond_url"},
		"properties": obj{
			"id": obj{"type": "integer"}, "case": obj{"type": "string", "description": "The case's tracking code."},
			"category": obj{"type": "string", "enum": categoryCodes()}, "what": obj{"type": "string"}, "location": obj{"type": "string"},
			"reason": obj{"type": "string"}, "deadline": at, "created_at": at,
			"status":       obj{"type": "string", "enum": []any{"sent", "answered"}},
			"overdue":      obj{"type": "boolean", "description": "Unanswered past the deadline, or answered after it."},
			"response":     obj{"anyOf": []any{obj{"type": "string", "enum": responses}, obj{"type": "null"}}},
			"note":         obj{"type": "string"},
			"responded_at": obj{"anyOf": []any{at, obj{"type": "null"}}},
			"evidence_ids": obj{"type": "array", "items": ref("schemas", "EvidenceID")},
			"respond_url":  obj{"type": "string", "description": "Where to POST the answer."},
		}}
	// A forwarded report is a public report plus the platform's own id.
	forwarded := submissionSchema()
	props := obj{}
	for k, v := range forwarded["properties"].(obj) {
		props[k] = v
	}
	props["external_id"] = obj{"type": "string", "maxLength": 128,
		"description": "The platform's own id of the report: a retry with the same id files nothing."}
	forwarded["properties"] = props
	receipt := receiptSchema()["properties"].(obj)
	return obj{
		"ForwardedReport": forwarded,
		"DuplicateReceipt": obj{"type": "object", "additionalProperties": false,
			"required": []any{"tracking_code", "secret", "status", "created_at", "duplicate", "track_url"},
			"properties": obj{"tracking_code": receipt["tracking_code"], "secret": obj{"type": "null"},
				"status": receipt["status"], "created_at": receipt["created_at"], "duplicate": obj{"const": true},
				"track_url": receipt["track_url"]}},
		"PlatformNotice": notice,
		"PlatformNoticeList": obj{"type": "object", "additionalProperties": false, "required": []any{"notices", "page", "per_page", "total"},
			"properties": obj{"notices": obj{"type": "array", "items": ref("schemas", "PlatformNotice")},
				"page": obj{"type": "integer"}, "per_page": obj{"type": "integer"}, "total": obj{"type": "integer"}}},
		"NoticeResponse": obj{"type": "object", "additionalProperties": false, "required": []any{"response"},
			"properties": obj{
				"response":     obj{"type": "string", "enum": responses, "description": "removed 已删除 · restricted 已限制 · no_violation 未发现违规 · not_found 未找到"},
				"note":         obj{"type": "string", "maxLength": 2000, "description": "Required for no_violation: why. The reporter does not see it; the center does."},
				"evidence_ids": obj{"type": "array", "maxItems": report.MaxEvidence, "items": ref("schemas", "EvidenceID")},
			},
			"if":   obj{"properties": obj{"response": obj{"const": "no_violation"}}},
			"then": obj{"required": []any{"note"}, "properties": obj{"note": obj{"minLength": 1}}}},
		"ContentItem": obj{"type": "object", "additionalProperties": false, "required": []any{"external_id"},
			"anyOf": []any{obj{"required": []any{"text"}}, obj{"required": []any{"title"}}},
			"properties": obj{
				"external_id": obj{"type": "string", "minLength": 1, "maxLength": 200, "description": "The platform's own id of the content; repeats are ignored."},
				"url":         ref("schemas", "URL"), "title": obj{"type": "string", "maxLength": 500}, "text": obj{"type": "string", "maxLength": 20000},
				"author": obj{"type": "string", "maxLength": 200}, "published_at": at,
			}},
		"ContentPush": obj{"type": "object", "additionalProperties": false, "required": []any{"items"},
			"properties": obj{"items": obj{"type": "array", "minItems": 1, "maxItems": platform.MaxContentItems, "items": ref("schemas", "ContentItem")}}},
		"ContentPushResult": obj{"type": "object", "additionalProperties": false, "required": []any{"accepted", "duplicates"},
			"properties": obj{"accepted": obj{"type": "integer", "minimum": 0}, "duplicates": obj{"type": "integer", "minimum": 0}}},
		"NoticeCreatedEvent": obj{"type": "object", "required": []any{"event", "notice"},
			"description": "The body of the `notice.created` webhook POSTed to a platform's webhook URL, signed with its secret (see /docs/webhooks). Answer with the respond_url.",
			"properties": obj{"event": obj{"const": report.NoticeCreatedTopic},
				"notice": obj{"type": "object", "required": []any{"id", "case", "category", "what", "location", "reason", "deadline", "created_at", "respond_url"},
					"properties": obj{"id": obj{"type": "integer"}, "case": obj{"type": "string"}, "category": obj{"type": "string"},
						"what": obj{"type": "string"}, "location": obj{"type": "string"}, "reason": obj{"type": "string"},
						"deadline": at, "created_at": at, "respond_url": obj{"type": "string"}}}}},
	}
}

// platformAuthDoc adds the key scheme's answers to a platform operation.
func platformAuthDoc(op obj) {
	op["security"] = []any{obj{"PlatformKey": []any{}}, obj{"PlatformKeyHeader": []any{}}}
	resp := op["responses"].(obj)
	resp["401"] = ref("responses", "PlatformUnauthorized")
	resp["403"] = ref("responses", "PlatformForbidden")
	resp["429"] = ref("responses", "RateLimited")
}

func securitySchemes() obj {
	return obj{
		"PlatformKey": obj{"type": "http", "scheme": "bearer", "bearerFormat": "qlp_…",
			"description": "A partner platform's API key, issued by the center (合作平台 → 接口密钥): `Authorization: Bearer qlp_…`."},
		"PlatformKeyHeader": obj{"type": "apiKey", "in": "header", "name": "X-API-Key", "description": "The same key in an X-API-Key header."},
	}
}

func platformResponses(errResp func(string) obj) obj {
	return obj{
		"PlatformUnauthorized": errResp("No API key, or an unknown or revoked one."),
		"PlatformForbidden":    errResp("The platform is disabled, or the body names another platform."),
		"NoNotice":             errResp("No such notice for this platform (another platform's notices do not exist for it)."),
		"NoticeAnswered":       errResp("The notice has been answered already."),
	}
}
