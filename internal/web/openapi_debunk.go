package web

import "qinglang/internal/rumor"

// The debunk part of the OpenAPI document: the public articles and the
// rumor check.

func debunkOperations() map[string]obj {
	ok := func(desc, schema string) obj {
		return obj{"description": desc, "content": obj{"application/json": obj{"schema": ref("schemas", schema)}}}
	}
	str := func(name, desc string) obj {
		return obj{"name": name, "in": "query", "description": desc, "schema": obj{"type": "string"}}
	}
	return map[string]obj{
		"GET /api/v1/articles": {
			"operationId": "listArticles", "tags": []any{"debunk"},
			"summary":     "Published debunk articles (权威辟谣), newest first",
			"description": "Corrected and retracted articles are included and say so (`status`, `corrected_at`, `retracted_at`). The list leaves out the body; fetch one article for it.",
			"parameters": []any{
				str("q", "Words in the title, summary or body."), str("tag", "Only articles with this tag."),
				str("region", "Only articles about this region."),
				obj{"name": "verdict", "in": "query", "description": "Only articles with a claim of this verdict.", "schema": obj{"type": "string", "enum": verdictCodes()}},
				obj{"name": "page", "in": "query", "schema": obj{"type": "integer", "minimum": 1, "default": 1}},
				obj{"name": "per_page", "in": "query", "schema": obj{"type": "integer", "minimum": 1, "maximum": 100, "default": articlesPerPage}},
			},
			"responses": obj{"200": ok("A page of articles and the number matching in all.", "ArticleList"), "400": ref("responses", "BadRequest")},
		},
		"GET /api/v1/articles/{slug}": {
			"operationId": "getArticle", "tags": []any{"debunk"},
			"summary":     "One published debunk article with its body",
			"description": "`body_html` is sanitized HTML. A draft, an article in review and an unknown slug all answer 404.",
			"parameters":  []any{obj{"name": "slug", "in": "path", "required": true, "schema": obj{"type": "string"}}},
			"responses":   obj{"200": ok("The article.", "Article"), "404": ref("responses", "NoArticle")},
		},
		"GET /api/v1/rumors/check": {
			"operationId": "checkRumor", "tags": []any{"debunk"},
			"summary":     "Is this a known rumor? (查谣言)",
			"description": "Matches a message, or a link to it, against the rumor database and answers the resembling rumors best first, with their verdict and debunks. `linked` marks a close match; the others are near misses, possibly related.",
			"parameters": []any{obj{"name": "q", "in": "query", "required": true, "description": "The message text or link, at most 5000 characters.",
				"schema": obj{"type": "string", "minLength": 1, "maxLength": checkMaxRunes}}},
			"responses": obj{"200": ok("The matching rumors; an empty list when none resembles the message.", "RumorCheck"), "400": ref("responses", "BadRequest")},
		},
	}
}

func verdictCodes() []any {
	var out []any
	for _, v := range rumor.Verdicts() {
		out = append(out, string(v))
	}
	return out
}

func debunkSchemas() obj {
	at := obj{"type": "string", "format": "date-time"}
	maybeAt := obj{"anyOf": []any{at, obj{"type": "null"}}}
	str := obj{"type": "string"}
	verdict := obj{"type": "string", "enum": verdictCodes()}
	article := obj{"type": "object", "additionalProperties": false,
		"required": []any{"slug", "url", "title", "summary", "cover_url", "tags", "region", "department", "sources", "claims",
			"status", "published_at", "updated_at", "corrected_at", "correction_note", "retracted_at", "retraction_reason"},
		"properties": obj{
			"slug": str, "url": obj{"type": "string", "description": "The article page's absolute address."},
			"title": str, "summary": str,
			"body_html": obj{"type": "string", "description": "Sanitized HTML; only in the single-article answer."},
			"cover_url": str, "tags": obj{"type": "array", "items": str}, "region": str,
			"department": obj{"type": "string", "description": "The verifying department."},
			"sources": obj{"type": "array", "items": obj{"type": "object", "additionalProperties": false, "required": []any{"title", "url"},
				"properties": obj{"title": str, "url": str}}},
			"claims": obj{"type": "array", "items": obj{"type": "object", "additionalProperties": false, "required": []any{"claim", "verdict", "rumor_id"},
				"properties": obj{"claim": str, "verdict": verdict,
					"rumor_id": obj{"anyOf": []any{obj{"type": "integer"}, obj{"type": "null"}}, "description": "The rumor database entry the claim is."}}}},
			"status":       obj{"type": "string", "enum": []any{"published", "corrected", "retracted"}},
			"published_at": maybeAt, "updated_at": at,
			"corrected_at": maybeAt, "correction_note": str,
			"retracted_at": maybeAt, "retraction_reason": str,
		}}
	return obj{
		"Article": article,
		"ArticleList": obj{"type": "object", "additionalProperties": false, "required": []any{"articles", "total", "page", "per_page"},
			"properties": obj{"articles": obj{"type": "array", "items": ref("schemas", "Article")},
				"total": obj{"type": "integer", "minimum": 0}, "page": obj{"type": "integer", "minimum": 1}, "per_page": obj{"type": "integer", "minimum": 1}}},
		"RumorCheck": obj{"type": "object", "additionalProperties": false, "required": []any{"query", "results"},
			"properties": obj{"query": str, "results": obj{"type": "array", "items": obj{"type": "object", "additionalProperties": false,
				"required": []any{"rumor_id", "title", "verdict", "score", "linked", "debunks"},
				"properties": obj{"rumor_id": obj{"type": "integer"}, "title": str, "verdict": verdict,
					"score":   obj{"type": "number", "minimum": 0, "maximum": 1, "description": "Similarity, 0 to 1."},
					"linked":  obj{"type": "boolean", "description": "A close match rather than a near miss."},
					"debunks": obj{"type": "array", "items": obj{"type": "object", "additionalProperties": false, "required": []any{"title", "url"}, "properties": obj{"title": str, "url": str}}}}}}}},
	}
}
