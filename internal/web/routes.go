package web

import (
	"net/http"

	"qinglang/internal/auth"
	"qinglang/internal/rumor"
)

// Access says who may call a route. Every route declares one, next to its
// pattern, so tests can enumerate them all.
type Access string

const (
	Public Access = "public" // anyone; rate-limited
	Open   Access = "open"   // anyone, not rate-limited: health, static assets
	Staff  Access = "staff"  // a signed-in staff member whose role has the route's permission
	// Platform is a partner platform's system with its API key; it acts
	// for that platform only, rate-limited per key (platform_api.go).
	Platform Access = "platform"
)

type route struct {
	method, pattern string
	access          Access
	perm            auth.Permission // for Staff routes: what the role must be allowed
	form            bool            // a browser form post: cross-origin protection applies
	h               http.HandlerFunc
}

// Route describes a mounted route, for documentation and tests.
type Route struct {
	Method, Pattern string
	Access          Access
	Perm            auth.Permission
}

// Routes lists every mounted route.
func (s *Server) Routes() []Route {
	var out []Route
	for _, r := range s.routes() {
		out = append(out, Route{r.method, r.pattern, r.access, r.perm})
	}
	return out
}

func (s *Server) routes() []route {
	return []route{
		{"GET", "/healthz", Open, "", false, s.healthz},
		{"GET", "/readyz", Open, "", false, s.readyz},
		{"GET", "/static/", Open, "", false, s.static},
		{"GET", "/api/openapi.json", Open, "", false, s.openAPI},

		{"GET", "/api/v1/categories", Public, "", false, s.apiCategories},
		{"POST", "/api/v1/evidence", Public, "", false, s.apiUploadEvidence},
		{"POST", "/api/v1/reports", Public, "", false, s.apiCreateReport},
		{"GET", "/api/v1/reports/track", Public, "", false, s.apiTrack},
		{"GET", "/api/v1/articles", Public, "", false, s.apiArticles},
		{"GET", "/api/v1/articles/{slug}", Public, "", false, s.apiArticle},
		{"GET", "/api/v1/rumors/check", Public, "", false, s.apiRumorCheck},
		{"POST", "/api/v1/reports/track/material", Public, "", false, s.apiAddMaterial},
		{"POST", "/api/v1/reports/track/rating", Public, "", false, s.apiRate},

		// The partner platform API: forwarded reports, monitoring push,
		// notices and the answers to them.
		{"POST", "/api/v1/platform/reports", Platform, "", false, s.apiPlatformReport},
		{"POST", "/api/v1/platform/content", Platform, "", false, s.apiPlatformContent},
		{"GET", "/api/v1/platform/notices", Platform, "", false, s.apiPlatformNotices},
		{"POST", "/api/v1/platform/notices/{id}/response", Platform, "", false, s.apiPlatformRespond},

		{"GET", "/{$}", Public, "", false, s.pageHome},
		{"GET", "/report", Public, "", false, s.pageReportForm},
		{"POST", "/report", Public, "", true, s.pageReportSubmit},
		{"GET", "/track", Public, "", false, s.pageTrackForm},
		{"POST", "/track", Public, "", true, s.pageTrack},
		{"POST", "/track/material", Public, "", true, s.pageAddMaterial},
		{"POST", "/track/rating", Public, "", true, s.pageRate},
		{"GET", "/lang/{lang}", Public, "", false, s.setLang},

		// Debunk articles (权威辟谣), their feeds and the public rumor
		// check; pages and feeds are served from memory (articles_cache.go).
		{"GET", "/articles", Public, "", false, s.pageArticles},
		{"GET", "/articles/{slug}", Public, "", false, s.pageArticle},
		{"GET", "/articles/{slug}/qr.png", Public, "", false, s.articleQR},
		{"GET", "/feeds/debunk.atom", Public, "", false, s.feed("atom")},
		{"GET", "/feeds/debunk.rss", Public, "", false, s.feed("rss")},
		{"GET", "/feeds/debunk.json", Public, "", false, s.feed("json")},
		{"GET", "/check", Public, "", false, s.pageCheck},
		{"GET", "/sitemap.xml", Public, "", false, s.sitemap},

		// Partner platforms' report entrances (entrance.go): the report
		// form under a short link, framed on the platform's own sites, and
		// what the platform needs to publish it.
		{"GET", "/p/{code}", Public, "", false, s.atEntrance(chromeFull, s.pageReportForm)},
		{"POST", "/p/{code}", Public, "", true, s.atEntrance(chromeFull, s.pageReportSubmit)},
		{"GET", "/p/{code}/embed", Public, "", false, s.atEntrance(chromeFrame, s.pageReportForm)},
		{"POST", "/p/{code}/embed", Public, "", true, s.atEntrance(chromeFrame, s.pageReportSubmit)},
		{"GET", "/p/{code}/embed.js", Public, "", false, s.atEntrance(chromeFull, s.entranceScript)},
		{"GET", "/p/{code}/share", Public, "", false, s.atEntrance(chromeFull, s.pageEntranceShare)},
		{"GET", "/p/{code}/poster", Public, "", false, s.atEntrance(chromeNone, s.pageEntrancePoster)},
		{"GET", "/p/{code}/qr.png", Public, "", false, s.atEntrance(chromeFull, s.entranceQR)},
		{"GET", "/docs/webhooks", Public, "", false, s.pageDocsWebhooks},

		{"GET", "/console/login", Public, "", false, s.pageLogin},
		{"POST", "/console/login", Public, "", true, s.pageLoginSubmit},
		{"POST", "/console/logout", Staff, auth.Console, true, s.pageLogout},
		{"GET", "/console/tokens", Staff, auth.Console, false, s.pageTokens},
		{"POST", "/console/tokens", Staff, auth.Console, true, s.pageTokenCreate},
		{"POST", "/console/tokens/{id}/revoke", Staff, auth.Console, true, s.pageTokenRevoke},
		{"GET", "/api/v1/console/me", Staff, auth.Console, false, s.apiMe},

		// Case handling. Each action has its own row so its permission is
		// declared here; the domain checks it and the lifecycle again.
		{"GET", "/console", Staff, auth.Console, false, s.pageQueue},
		{"GET", "/console/mine", Staff, auth.CaseView, false, s.pageMine},
		{"GET", "/console/overdue", Staff, auth.StatsView, false, s.pageOverdue},
		{"POST", "/console/cases/batch", Staff, auth.CaseAssign, true, s.pageBatch}, // accept and reject also need case.screen
		{"GET", "/console/cases/{id}", Staff, auth.CaseView, false, s.pageCase},
		{"POST", "/console/cases/{id}/reveal", Staff, auth.PIIView, true, s.pageReveal},
		{"GET", "/console/cases/{id}/package", Staff, auth.EvidenceExport, false, s.pageEvidencePackage},
		{"GET", "/console/evidence/{id}", Staff, auth.CaseView, false, s.pageEvidence},
		{"POST", "/console/cases/{id}/accept", Staff, auth.CaseScreen, true, s.pageCaseAction("accept")},
		{"POST", "/console/cases/{id}/reject", Staff, auth.CaseScreen, true, s.pageCaseAction("reject")},
		{"POST", "/console/cases/{id}/merge", Staff, auth.CaseScreen, true, s.pageCaseAction("merge")},
		{"POST", "/console/cases/{id}/recategorize", Staff, auth.CaseScreen, true, s.pageCaseAction("recategorize")},
		{"POST", "/console/cases/{id}/assess", Staff, auth.CaseAssess, true, s.pageCaseAction("assess")},
		{"POST", "/console/cases/{id}/notify", Staff, auth.CaseAssess, true, s.pageCaseAction("notify")},
		{"POST", "/console/cases/{id}/transfer", Staff, auth.CaseAssess, true, s.pageCaseAction("transfer")},
		{"POST", "/console/cases/{id}/disposal", Staff, auth.CaseAssess, true, s.pageCaseAction("disposal")},
		{"POST", "/console/cases/{id}/reply", Staff, auth.CaseAssess, true, s.pageCaseAction("reply")},
		{"POST", "/console/cases/{id}/close", Staff, auth.CaseAssess, true, s.pageCaseAction("close")},
		{"POST", "/console/cases/{id}/reopen", Staff, auth.CaseAssess, true, s.pageCaseAction("reopen")},
		{"POST", "/console/cases/{id}/assign", Staff, auth.CaseAssign, true, s.pageCaseAction("assign")},
		{"GET", "/console/transfers", Staff, auth.TransferHandle, false, s.pageTransfers},
		{"POST", "/console/transfers/{id}/accept", Staff, auth.TransferHandle, true, s.pageTransferAct("accept")},
		{"POST", "/console/transfers/{id}/feedback", Staff, auth.TransferHandle, true, s.pageTransferAct("feedback")},
		{"GET", "/console/notifications", Staff, auth.Console, false, s.pageNotifications},
		{"POST", "/console/notifications/read", Staff, auth.Console, true, s.pageNotificationsRead},

		{"GET", "/api/v1/console/cases", Staff, auth.CaseView, false, s.apiQueue},
		{"POST", "/api/v1/console/cases/batch", Staff, auth.CaseAssign, false, s.apiBatch}, // accept and reject also need case.screen
		{"GET", "/api/v1/console/cases/{id}", Staff, auth.CaseView, false, s.apiCase},
		{"POST", "/api/v1/console/cases/{id}/reveal", Staff, auth.PIIView, false, s.apiReveal},
		{"POST", "/api/v1/console/cases/{id}/actions/accept", Staff, auth.CaseScreen, false, s.apiCaseAction("accept")},
		{"POST", "/api/v1/console/cases/{id}/actions/reject", Staff, auth.CaseScreen, false, s.apiCaseAction("reject")},
		{"POST", "/api/v1/console/cases/{id}/actions/merge", Staff, auth.CaseScreen, false, s.apiCaseAction("merge")},
		{"POST", "/api/v1/console/cases/{id}/actions/recategorize", Staff, auth.CaseScreen, false, s.apiCaseAction("recategorize")},
		{"POST", "/api/v1/console/cases/{id}/actions/assess", Staff, auth.CaseAssess, false, s.apiCaseAction("assess")},
		{"POST", "/api/v1/console/cases/{id}/actions/notify", Staff, auth.CaseAssess, false, s.apiCaseAction("notify")},
		{"POST", "/api/v1/console/cases/{id}/actions/transfer", Staff, auth.CaseAssess, false, s.apiCaseAction("transfer")},
		{"POST", "/api/v1/console/cases/{id}/actions/disposal", Staff, auth.CaseAssess, false, s.apiCaseAction("disposal")},
		{"POST", "/api/v1/console/cases/{id}/actions/reply", Staff, auth.CaseAssess, false, s.apiCaseAction("reply")},
		{"POST", "/api/v1/console/cases/{id}/actions/close", Staff, auth.CaseAssess, false, s.apiCaseAction("close")},
		{"POST", "/api/v1/console/cases/{id}/actions/reopen", Staff, auth.CaseAssess, false, s.apiCaseAction("reopen")},
		{"POST", "/api/v1/console/cases/{id}/actions/assign", Staff, auth.CaseAssign, false, s.apiCaseAction("assign")},
		{"GET", "/api/v1/console/transfers", Staff, auth.TransferHandle, false, s.apiTransfers},
		{"POST", "/api/v1/console/transfers/{id}/accept", Staff, auth.TransferHandle, false, s.apiTransferAct("accept")},
		{"POST", "/api/v1/console/transfers/{id}/feedback", Staff, auth.TransferHandle, false, s.apiTransferAct("feedback")},

		// The rumor center: monitored feeds and items, verification tasks.
		{"GET", "/console/feeds", Staff, auth.RumorEdit, false, s.pageFeeds},
		{"POST", "/console/feeds", Staff, auth.RumorEdit, true, s.pageFeedSave},
		{"GET", "/console/feeds/{id}", Staff, auth.RumorEdit, false, s.pageFeedEdit},
		{"POST", "/console/feeds/{id}", Staff, auth.RumorEdit, true, s.pageFeedSave},
		{"POST", "/console/feeds/{id}/disable", Staff, auth.RumorEdit, true, s.pageFeedDisable},
		{"POST", "/console/feeds/{id}/poll", Staff, auth.RumorEdit, true, s.pageFeedPoll},
		{"GET", "/console/items", Staff, auth.RumorView, false, s.pageItems},
		{"POST", "/console/items/import", Staff, auth.RumorEdit, true, s.pageItemsImport},
		{"GET", "/console/verify", Staff, auth.RumorEdit, false, s.pageVerify},
		{"POST", "/console/verify", Staff, auth.RumorEdit, true, s.pageVerifyCreate},
		{"GET", "/console/verify/{id}", Staff, auth.RumorEdit, false, s.pageVerifyTask},
		{"GET", "/console/verify/inbox", Staff, auth.VerifyAnswer, false, s.pageVerifyInbox},
		{"POST", "/console/verify/inbox/{id}/answer", Staff, auth.VerifyAnswer, true, s.pageVerifyAnswer},

		// The rumor database, the review of near misses, clusters and
		// early warnings. Acting on a cluster is case work: it needs
		// case.assign, and accept and reject also case.screen.
		{"GET", "/console/rumors", Staff, auth.RumorView, false, s.pageRumors},
		{"POST", "/console/rumors", Staff, auth.RumorEdit, true, s.pageRumorSave},
		{"GET", "/console/rumors/new", Staff, auth.RumorEdit, false, s.pageRumorNew},
		{"GET", "/console/rumors/{id}", Staff, auth.RumorView, false, s.pageRumor},
		{"POST", "/console/rumors/{id}", Staff, auth.RumorEdit, true, s.pageRumorSave},
		{"GET", "/console/rumors/{id}/edit", Staff, auth.RumorEdit, false, s.pageRumorEdit},
		{"GET", "/console/matches", Staff, auth.RumorView, false, s.pageMatches},
		{"POST", "/console/matches/{id}/review", Staff, auth.RumorEdit, true, s.pageMatchReview},
		{"GET", "/console/clusters", Staff, auth.RumorView, false, s.pageClusters},
		{"GET", "/console/clusters/{id}", Staff, auth.RumorView, false, s.pageCluster},
		{"POST", "/console/clusters/{id}/act", Staff, auth.CaseAssign, true, s.pageClusterAct},
		{"GET", "/console/alerts", Staff, auth.RumorView, false, s.pageAlerts},
		{"POST", "/console/alerts/{id}/ack", Staff, auth.RumorEdit, true, s.pageAlertSet(rumor.AlertAcknowledged)},
		{"POST", "/console/alerts/{id}/close", Staff, auth.RumorEdit, true, s.pageAlertSet(rumor.AlertClosed)},
		{"GET", "/api/v1/console/rumors", Staff, auth.RumorView, false, s.apiRumors},
		{"POST", "/api/v1/console/rumors", Staff, auth.RumorEdit, false, s.apiRumorSave},
		{"GET", "/api/v1/console/rumors/{id}", Staff, auth.RumorView, false, s.apiRumor},
		{"PUT", "/api/v1/console/rumors/{id}", Staff, auth.RumorEdit, false, s.apiRumorSave},
		{"POST", "/api/v1/console/rumors/{id}", Staff, auth.RumorEdit, false, s.apiRumorSave},
		{"GET", "/api/v1/console/clusters", Staff, auth.RumorView, false, s.apiClusters},
		{"GET", "/api/v1/console/alerts", Staff, auth.RumorView, false, s.apiAlerts},

		// Debunk articles (权威辟谣) for editors, the alliance's member
		// units, and the members' repost reports.
		{"GET", "/console/articles", Staff, auth.RumorView, false, s.pageConsoleArticles},
		{"POST", "/console/articles", Staff, auth.RumorEdit, true, s.pageConsoleArticleSave},
		{"GET", "/console/articles/new", Staff, auth.RumorEdit, false, s.pageConsoleArticleNew},
		{"GET", "/console/articles/templates", Staff, auth.RumorEdit, false, s.pageMediaTemplates},
		{"POST", "/console/articles/templates", Staff, auth.RumorEdit, true, s.pageMediaTemplateSave},
		{"GET", "/console/articles/{id}", Staff, auth.RumorView, false, s.pageConsoleArticle},
		{"POST", "/console/articles/{id}", Staff, auth.RumorEdit, true, s.pageConsoleArticleSave},
		{"POST", "/console/articles/{id}/submit", Staff, auth.RumorEdit, true, s.pageConsoleArticleAct("submit")},
		{"POST", "/console/articles/{id}/publish", Staff, auth.RumorEdit, true, s.pageConsoleArticleAct("publish")},
		{"POST", "/console/articles/{id}/correct", Staff, auth.RumorEdit, true, s.pageConsoleArticleAct("correct")},
		{"POST", "/console/articles/{id}/retract", Staff, auth.RumorEdit, true, s.pageConsoleArticleAct("retract")},
		{"GET", "/console/alliance", Staff, auth.AdminOrg, false, s.pageAlliance},
		{"POST", "/console/alliance", Staff, auth.AdminOrg, true, s.pageAllianceSave},
		{"POST", "/console/alliance/{id}", Staff, auth.AdminOrg, true, s.pageAllianceSave},
		{"GET", "/console/reposts", Staff, auth.RepostReport, false, s.pageReposts},
		{"POST", "/console/reposts", Staff, auth.RepostReport, true, s.pageRepostReport},
		{"POST", "/api/v1/console/reposts", Staff, auth.RepostReport, false, s.apiRepostReport},

		{"GET", "/console/admin/users", Staff, auth.AdminUsers, false, s.pageAdminUsers},
		{"POST", "/console/admin/users", Staff, auth.AdminUsers, true, s.pageAdminUserCreate},
		{"GET", "/console/admin/users/{id}", Staff, auth.AdminUsers, false, s.pageAdminUser},
		{"POST", "/console/admin/users/{id}/role", Staff, auth.AdminUsers, true, s.pageAdminUserRole},
		{"POST", "/console/admin/users/{id}/status", Staff, auth.AdminUsers, true, s.pageAdminUserStatus},
		{"POST", "/console/admin/users/{id}/password", Staff, auth.AdminUsers, true, s.pageAdminUserPassword},
		{"GET", "/console/admin/departments", Staff, auth.AdminOrg, false, s.orgList(adminDepartments)},
		{"POST", "/console/admin/departments", Staff, auth.AdminOrg, true, s.orgSave(adminDepartments)},
		{"GET", "/console/admin/departments/{id}", Staff, auth.AdminOrg, false, s.orgEdit(adminDepartments)},
		{"POST", "/console/admin/departments/{id}", Staff, auth.AdminOrg, true, s.orgSave(adminDepartments)},
		{"GET", "/console/admin/units", Staff, auth.AdminOrg, false, s.orgList(adminUnits)},
		{"POST", "/console/admin/units", Staff, auth.AdminOrg, true, s.orgSave(adminUnits)},
		{"GET", "/console/admin/units/{id}", Staff, auth.AdminOrg, false, s.orgEdit(adminUnits)},
		{"POST", "/console/admin/units/{id}", Staff, auth.AdminOrg, true, s.orgSave(adminUnits)},
		{"GET", "/console/admin/districts", Staff, auth.AdminOrg, false, s.orgList(adminDistricts)},
		{"POST", "/console/admin/districts", Staff, auth.AdminOrg, true, s.orgSave(adminDistricts)},
		{"GET", "/console/admin/districts/{id}", Staff, auth.AdminOrg, false, s.orgEdit(adminDistricts)},
		{"POST", "/console/admin/districts/{id}", Staff, auth.AdminOrg, true, s.orgSave(adminDistricts)},
		{"GET", "/console/admin/templates", Staff, auth.AdminSettings, false, s.pageAdminTemplates},
		{"POST", "/console/admin/templates", Staff, auth.AdminSettings, true, s.pageAdminTemplateSave},
		{"GET", "/console/admin/templates/{id}", Staff, auth.AdminSettings, false, s.pageAdminTemplate},
		{"POST", "/console/admin/templates/{id}", Staff, auth.AdminSettings, true, s.pageAdminTemplateSave},
		{"POST", "/console/admin/templates/{id}/delete", Staff, auth.AdminSettings, true, s.pageAdminTemplateDelete},
		{"GET", "/console/admin/sla", Staff, auth.AdminSettings, false, s.pageAdminSLA},
		{"POST", "/console/admin/sla", Staff, auth.AdminSettings, true, s.pageAdminSLADays},
		{"POST", "/console/admin/holidays", Staff, auth.AdminSettings, true, s.pageAdminHolidaySet},
		{"POST", "/console/admin/holidays/{day}/delete", Staff, auth.AdminSettings, true, s.pageAdminHolidayDelete},
		{"GET", "/console/admin/audit", Staff, auth.AuditView, false, s.pageAdminAudit},
		{"POST", "/console/admin/audit/verify", Staff, auth.AuditView, true, s.pageAdminAuditVerify},

		// Partner platforms: the registry with keys, webhook secret and
		// import (admin), the outbox's dead letters, the compliance
		// ranking, and a liaison's own notices.
		{"GET", "/console/admin/platforms", Staff, auth.AdminOrg, false, s.pageAdminPlatforms},
		{"POST", "/console/admin/platforms", Staff, auth.AdminOrg, true, s.pageAdminPlatformSave},
		{"GET", "/console/admin/platforms/import", Staff, auth.AdminOrg, false, s.pageAdminPlatformImport},
		{"POST", "/console/admin/platforms/import", Staff, auth.AdminOrg, true, s.pageAdminPlatformImportRun},
		{"GET", "/console/admin/platforms/{id}", Staff, auth.AdminOrg, false, s.pageAdminPlatform},
		{"POST", "/console/admin/platforms/{id}", Staff, auth.AdminOrg, true, s.pageAdminPlatformSave},
		{"POST", "/console/admin/platforms/{id}/keys", Staff, auth.AdminOrg, true, s.pageAdminPlatformKeyCreate},
		{"POST", "/console/admin/platforms/{id}/keys/{key}/revoke", Staff, auth.AdminOrg, true, s.pageAdminPlatformKeyRevoke},
		{"POST", "/console/admin/platforms/{id}/secret", Staff, auth.AdminOrg, true, s.pageAdminPlatformSecret},
		{"GET", "/console/admin/outbox", Staff, auth.AdminOrg, false, s.pageAdminOutbox},
		{"POST", "/console/admin/outbox/{id}/resend", Staff, auth.AdminOrg, true, s.pageAdminOutboxResend},
		{"GET", "/console/platforms/compliance", Staff, auth.StatsView, false, s.pageCompliance},
		{"GET", "/api/v1/console/platforms/compliance", Staff, auth.StatsView, false, s.apiCompliance},
		{"GET", "/console/platform/notices", Staff, auth.NoticeRespond, false, s.pageLiaisonNotices},
		{"POST", "/console/platform/notices/{id}/response", Staff, auth.NoticeRespond, true, s.pageLiaisonRespond},
	}
}

// wrap applies the route's access rules. A request passes them outside
// in: rate limit, cross-origin check, who is calling and may they, the
// session's form token.
func (s *Server) wrap(rt route) http.Handler {
	var h http.Handler = rt.h
	if rt.access == Staff {
		h = s.authenticate(rt, s.checkFormToken(h))
	}
	if rt.form {
		h = formProtection(h)
	}
	if rt.access == Public {
		h = s.rateLimit(h)
	}
	if rt.access == Platform {
		h = s.platformAuth(h)
	}
	return h
}
