package auth

// Permission is one thing a role may do. Routes declare the permission
// they need next to their pattern; the data scope of the role (its
// department, platform or unit) is applied by the domain queries.
type Permission string

const (
	CaseView       Permission = "case.view"       // the queue and case pages (scoped for department handlers)
	CaseScreen     Permission = "case.screen"     // accept, reject, merge, fix category
	CaseAssess     Permission = "case.assess"     // assess, notify, transfer, reply, close, reopen
	CaseAssign     Permission = "case.assign"     // assign cases to people
	TransferHandle Permission = "transfer.handle" // a department accepts transfers and feeds back
	PIIView        Permission = "pii.view"        // see reporters' personal data unmasked (audited)
	EvidenceExport Permission = "evidence.export" // download the evidence package for the police
	StatsView      Permission = "stats.view"      // dashboards, overdue lists, exports
	AdminUsers     Permission = "admin.users"     // accounts and roles
	AdminOrg       Permission = "admin.org"       // departments, units, districts, platforms
	AdminSettings  Permission = "admin.settings"  // reply templates, SLA, holiday calendar
	AuditView      Permission = "audit.view"      // read and verify the audit log
	Console        Permission = "console"         // any staff page: home, notifications, own tokens
	RumorView      Permission = "rumor.view"      // the rumor database, clusters, matches and alerts
	RumorEdit      Permission = "rumor.edit"      // edit rumors, review matches, handle alerts, feeds, verification tasks
	VerifyAnswer   Permission = "verify.answer"   // a department answers verification tasks sent to it
	NoticeRespond  Permission = "notice.respond"  // a platform liaison answers its own platform's notices
	RepostReport   Permission = "repost.report"   // an alliance member reports its reposts of debunk articles
)

var rolePermissions = map[Role][]Permission{
	Operator:        {Console, CaseView, CaseScreen, CaseAssign},
	Analyst:         {Console, CaseView, CaseScreen, CaseAssess, CaseAssign, PIIView, EvidenceExport, StatsView, RumorView},
	DeptHandler:     {Console, CaseView, TransferHandle, VerifyAnswer},
	PlatformLiaison: {Console, NoticeRespond},
	Editor:          {Console, RumorView, RumorEdit},
	AllianceMember:  {Console, RepostReport},
	Volunteer:       {Console},
	Leader:          {Console, CaseView, StatsView, RumorView},
	Admin:           {Console, CaseView, CaseAssign, PIIView, StatsView, AdminUsers, AdminOrg, AdminSettings, AuditView},
}

// Can reports whether role r has permission p.
func (r Role) Can(p Permission) bool {
	for _, have := range rolePermissions[r] {
		if have == p {
			return true
		}
	}
	return false
}

// Permissions lists every permission.
func Permissions() []Permission {
	return []Permission{Console, CaseView, CaseScreen, CaseAssess, CaseAssign, TransferHandle, PIIView, EvidenceExport,
		StatsView, AdminUsers, AdminOrg, AdminSettings, AuditView, RumorView, RumorEdit, VerifyAnswer, NoticeRespond, RepostReport}
}
