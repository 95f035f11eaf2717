package web_test

import (
	"net/url"
	"strconv"
)

func id(n int64) string { return strconv.FormatInt(n, 10) }

// authzTargets has a row for every Staff route, by "METHOD pattern". A
// route without a row fails the test: a new route must say how it is
// called before it ships.
func authzTargets(f *fixture) map[string]target {
	// Feedback is checked before the transfer is looked up: a real one
	// lets the department's scope, not the validation, answer.
	feedback := url.Values{"feedback": {"已核查处理。"}}
	return map[string]target{
		"POST /console/logout":             {path: "/console/logout", endsSession: true},
		"GET /console/tokens":              {path: "/console/tokens"},
		"POST /console/tokens":             {path: "/console/tokens", form: url.Values{"name": {"matrix"}}},
		"POST /console/tokens/{id}/revoke": {path: "/console/tokens/" + id(f.tokenID) + "/revoke"}, // not the caller's: 404
		"GET /api/v1/console/me":           {path: "/api/v1/console/me"},

		// The case desk. The fixture case is transferred to department A:
		// its pages and files are scoped. Actions are sent empty, so the
		// allowed get a 400 or 409 and the case stays as it is.
		"GET /console":                                         {path: "/console"},
		"GET /console/mine":                                    {path: "/console/mine"},
		"GET /console/overdue":                                 {path: "/console/overdue"},
		"POST /console/cases/batch":                            {path: "/console/cases/batch"},
		"GET /console/cases/{id}":                              {path: "/console/cases/" + id(f.caseID), scoped: true},
		"POST /console/cases/{id}/reveal":                      {path: "/console/cases/" + id(f.caseID) + "/reveal", scoped: true},
		"GET /console/cases/{id}/package":                      {path: "/console/cases/" + id(f.caseID) + "/package", scoped: true},
		"GET /console/evidence/{id}":                           {path: "/console/evidence/" + f.evidenceID, scoped: true},
		"GET /console/transfers":                               {path: "/console/transfers"},
		"POST /console/transfers/{id}/accept":                  {path: "/console/transfers/" + id(f.transferID) + "/accept", scoped: true},
		"POST /console/transfers/{id}/feedback":                {path: "/console/transfers/" + id(f.transferID) + "/feedback", scoped: true, form: feedback},
		"GET /console/notifications":                           {path: "/console/notifications"},
		"POST /console/notifications/read":                     {path: "/console/notifications/read"},
		"GET /api/v1/console/cases":                            {path: "/api/v1/console/cases"},
		"POST /api/v1/console/cases/batch":                     {path: "/api/v1/console/cases/batch"},
		"GET /api/v1/console/cases/{id}":                       {path: "/api/v1/console/cases/" + id(f.caseID), scoped: true},
		"POST /api/v1/console/cases/{id}/reveal":               {path: "/api/v1/console/cases/" + id(f.caseID) + "/reveal", scoped: true},
		"GET /api/v1/console/transfers":                        {path: "/api/v1/console/transfers"},
		"POST /api/v1/console/transfers/{id}/accept":           {path: "/api/v1/console/transfers/" + id(f.transferID) + "/accept", scoped: true},
		"POST /api/v1/console/transfers/{id}/feedback":         {path: "/api/v1/console/transfers/" + id(f.transferID) + "/feedback", scoped: true, json: map[string]string{"feedback": feedback.Get("feedback")}},
		"POST /console/cases/{id}/accept":                      {path: "/console/cases/" + id(f.caseID) + "/accept", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/accept":       {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/accept", scoped: true},
		"POST /console/cases/{id}/reject":                      {path: "/console/cases/" + id(f.caseID) + "/reject", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/reject":       {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/reject", scoped: true},
		"POST /console/cases/{id}/merge":                       {path: "/console/cases/" + id(f.caseID) + "/merge", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/merge":        {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/merge", scoped: true},
		"POST /console/cases/{id}/recategorize":                {path: "/console/cases/" + id(f.caseID) + "/recategorize", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/recategorize": {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/recategorize", scoped: true},
		"POST /console/cases/{id}/assess":                      {path: "/console/cases/" + id(f.caseID) + "/assess", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/assess":       {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/assess", scoped: true},
		"POST /console/cases/{id}/notify":                      {path: "/console/cases/" + id(f.caseID) + "/notify", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/notify":       {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/notify", scoped: true},
		"POST /console/cases/{id}/transfer":                    {path: "/console/cases/" + id(f.caseID) + "/transfer", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/transfer":     {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/transfer", scoped: true},
		"POST /console/cases/{id}/disposal":                    {path: "/console/cases/" + id(f.caseID) + "/disposal", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/disposal":     {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/disposal", scoped: true},
		"POST /console/cases/{id}/reply":                       {path: "/console/cases/" + id(f.caseID) + "/reply", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/reply":        {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/reply", scoped: true},
		"POST /console/cases/{id}/close":                       {path: "/console/cases/" + id(f.caseID) + "/close", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/close":        {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/close", scoped: true},
		"POST /console/cases/{id}/reopen":                      {path: "/console/cases/" + id(f.caseID) + "/reopen", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/reopen":       {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/reopen", scoped: true},
		"POST /console/cases/{id}/assign":                      {path: "/console/cases/" + id(f.caseID) + "/assign", scoped: true},
		"POST /api/v1/console/cases/{id}/actions/assign":       {path: "/api/v1/console/cases/" + id(f.caseID) + "/actions/assign", scoped: true},

		// The rumor center. The request of the verification task belongs
		// to department A; answers are sent empty, so the allowed get a 400.
		"GET /console/feeds":                     {path: "/console/feeds"},
		"POST /console/feeds":                    {path: "/console/feeds"},
		"GET /console/feeds/{id}":                {path: "/console/feeds/" + id(f.rumor.feedID)},
		"POST /console/feeds/{id}":               {path: "/console/feeds/" + id(f.rumor.feedID)},
		"POST /console/feeds/{id}/disable":       {path: "/console/feeds/" + id(f.rumor.feedID) + "/disable", form: url.Values{"disabled": {"1"}}},
		"POST /console/feeds/{id}/poll":          {path: "/console/feeds/" + id(f.rumor.feedID) + "/poll"},
		"GET /console/items":                     {path: "/console/items?q=" + url.QueryEscape("停课")},
		"POST /console/items/import":             {path: "/console/items/import"},
		"GET /console/verify":                    {path: "/console/verify?filter=overdue"},
		"POST /console/verify":                   {path: "/console/verify"},
		"GET /console/verify/{id}":               {path: "/console/verify/" + id(f.rumor.taskID)},
		"GET /console/verify/inbox":              {path: "/console/verify/inbox"},
		"POST /console/verify/inbox/{id}/answer": {path: "/console/verify/inbox/" + id(f.rumor.requestA) + "/answer", scoped: true},

		// The rumor database, reviews, clusters and warnings. Posts are
		// empty, so the allowed get a 400 (or 409 for an alert already
		// handled) and the data stays as it is.
		"GET /console/rumors":               {path: "/console/rumors?q=" + url.QueryEscape("自来水") + "&verdict=rumor"},
		"POST /console/rumors":              {path: "/console/rumors"},
		"GET /console/rumors/new":           {path: "/console/rumors/new"},
		"GET /console/rumors/{id}":          {path: "/console/rumors/" + id(f.rumorPages.rumorID)},
		"POST /console/rumors/{id}":         {path: "/console/rumors/" + id(f.rumorPages.rumorID)},
		"GET /console/rumors/{id}/edit":     {path: "/console/rumors/" + id(f.rumorPages.rumorID) + "/edit"},
		"GET /console/matches":              {path: "/console/matches?status=near_miss"},
		"POST /console/matches/{id}/review": {path: "/console/matches/" + id(f.rumorPages.matchID) + "/review"},
		"GET /console/clusters":             {path: "/console/clusters?sort=size"},
		"GET /console/clusters/{id}":        {path: "/console/clusters/" + id(f.rumorPages.clusterID)},
		"POST /console/clusters/{id}/act":   {path: "/console/clusters/" + id(f.rumorPages.clusterID) + "/act"},
		"GET /console/alerts":               {path: "/console/alerts"},
		"POST /console/alerts/{id}/ack":     {path: "/console/alerts/999999/ack"},
		"POST /console/alerts/{id}/close":   {path: "/console/alerts/999999/close"},
		"GET /api/v1/console/rumors":        {path: "/api/v1/console/rumors?topic=water"},
		"POST /api/v1/console/rumors":       {path: "/api/v1/console/rumors"},
		"GET /api/v1/console/rumors/{id}":   {path: "/api/v1/console/rumors/" + id(f.rumorPages.rumorID)},
		"PUT /api/v1/console/rumors/{id}":   {path: "/api/v1/console/rumors/" + id(f.rumorPages.rumorID)},
		"POST /api/v1/console/rumors/{id}":  {path: "/api/v1/console/rumors/" + id(f.rumorPages.rumorID)},
		"GET /api/v1/console/clusters":      {path: "/api/v1/console/clusters"},
		"GET /api/v1/console/alerts":        {path: "/api/v1/console/alerts?status="},

		// Debunk articles, the alliance and reposts. Posts are empty or
		// aimed at no article, so the allowed get a 400 or 404 and nothing
		// changes.
		"GET /console/articles":               {path: "/console/articles?status=draft"},
		"POST /console/articles":              {path: "/console/articles"},
		"GET /console/articles/new":           {path: "/console/articles/new"},
		"GET /console/articles/templates":     {path: "/console/articles/templates"},
		"POST /console/articles/templates":    {path: "/console/articles/templates"},
		"GET /console/articles/{id}":          {path: "/console/articles/999999"},
		"POST /console/articles/{id}":         {path: "/console/articles/999999"},
		"POST /console/articles/{id}/submit":  {path: "/console/articles/999999/submit"},
		"POST /console/articles/{id}/publish": {path: "/console/articles/999999/publish"},
		"POST /console/articles/{id}/correct": {path: "/console/articles/999999/correct"},
		"POST /console/articles/{id}/retract": {path: "/console/articles/999999/retract"},
		"GET /console/alliance":               {path: "/console/alliance"},
		"POST /console/alliance":              {path: "/console/alliance"},
		"POST /console/alliance/{id}":         {path: "/console/alliance/999999"},
		"GET /console/reposts":                {path: "/console/reposts"},
		"POST /console/reposts":               {path: "/console/reposts"},
		"POST /api/v1/console/reposts":        {path: "/api/v1/console/reposts"},

		// Administration.
		"GET /console/admin/users":            {path: "/console/admin/users"},
		"POST /console/admin/users":           {path: "/console/admin/users"},
		"GET /console/admin/users/{id}":       {path: "/console/admin/users/" + id(f.userID)},
		"POST /console/admin/users/{id}/role": {path: "/console/admin/users/" + id(f.userID) + "/role"},
		"POST /console/admin/users/{id}/status": {path: "/console/admin/users/" + id(f.userID) + "/status",
			form: url.Values{"disabled": {"0"}}},
		"POST /console/admin/users/{id}/password":   {path: "/console/admin/users/" + id(f.userID) + "/password"},
		"GET /console/admin/departments":            {path: "/console/admin/departments"},
		"POST /console/admin/departments":           {path: "/console/admin/departments"},
		"GET /console/admin/departments/{id}":       {path: "/console/admin/departments/" + id(f.deptA)},
		"POST /console/admin/departments/{id}":      {path: "/console/admin/departments/" + id(f.deptA)},
		"GET /console/admin/units":                  {path: "/console/admin/units"},
		"POST /console/admin/units":                 {path: "/console/admin/units"},
		"GET /console/admin/units/{id}":             {path: "/console/admin/units/" + id(f.unit)},
		"POST /console/admin/units/{id}":            {path: "/console/admin/units/" + id(f.unit)},
		"GET /console/admin/districts":              {path: "/console/admin/districts"},
		"POST /console/admin/districts":             {path: "/console/admin/districts"},
		"GET /console/admin/districts/{id}":         {path: "/console/admin/districts/" + id(f.district)},
		"POST /console/admin/districts/{id}":        {path: "/console/admin/districts/" + id(f.district)},
		"GET /console/admin/templates":              {path: "/console/admin/templates"},
		"POST /console/admin/templates":             {path: "/console/admin/templates"},
		"GET /console/admin/templates/{id}":         {path: "/console/admin/templates/" + id(f.templateID)},
		"POST /console/admin/templates/{id}":        {path: "/console/admin/templates/" + id(f.templateID)},
		"POST /console/admin/templates/{id}/delete": {path: "/console/admin/templates/999999/delete"},
		"GET /console/admin/sla":                    {path: "/console/admin/sla"},
		"POST /console/admin/sla":                   {path: "/console/admin/sla"},
		"POST /console/admin/holidays":              {path: "/console/admin/holidays"},
		"POST /console/admin/holidays/{day}/delete": {path: "/console/admin/holidays/2026-10-01/delete"},
		"GET /console/admin/audit":                  {path: "/console/admin/audit?action=admin."},
		"POST /console/admin/audit/verify":          {path: "/console/admin/audit/verify"},

		// Partner platforms. Posts are empty or aimed at nothing, so the
		// allowed get a 400, 404 or 409 and the registry stays as it is;
		// the liaison's answer names platform A's notice: scoped.
		"GET /console/admin/platforms":                         {path: "/console/admin/platforms"},
		"POST /console/admin/platforms":                        {path: "/console/admin/platforms"},
		"GET /console/admin/platforms/import":                  {path: "/console/admin/platforms/import"},
		"POST /console/admin/platforms/import":                 {path: "/console/admin/platforms/import"},
		"GET /console/admin/platforms/{id}":                    {path: "/console/admin/platforms/" + id(f.platA)},
		"POST /console/admin/platforms/{id}":                   {path: "/console/admin/platforms/" + id(f.platA)},
		"POST /console/admin/platforms/{id}/keys":              {path: "/console/admin/platforms/" + id(f.platA) + "/keys"},
		"POST /console/admin/platforms/{id}/keys/{key}/revoke": {path: "/console/admin/platforms/" + id(f.platA) + "/keys/999999/revoke"},
		"POST /console/admin/platforms/{id}/secret":            {path: "/console/admin/platforms/" + id(f.platA) + "/secret"}, // no webhook: 409
		"GET /console/admin/outbox":                            {path: "/console/admin/outbox"},
		"POST /console/admin/outbox/{id}/resend":               {path: "/console/admin/outbox/999999/resend"},
		"GET /console/platforms/compliance":                    {path: "/console/platforms/compliance"},
		"GET /api/v1/console/platforms/compliance":             {path: "/api/v1/console/platforms/compliance"},
		"GET /console/platform/notices":                        {path: "/console/platform/notices"},
		"POST /console/platform/notices/{id}/response":         {path: "/console/platform/notices/" + id(f.noticeID) + "/response", scoped: true},
	}
}

// publicTargets fills the path values and bodies of the Public and Open
// routes that need them; the others are called at their pattern.
func publicTargets(f *fixture) map[string]target {
	return map[string]target{
		"GET /{$}":                  {path: "/"},
		"GET /static/":              {path: "/static/css/missing.css"},
		"GET /lang/{lang}":          {path: "/lang/en"},
		"GET /api/v1/reports/track": {path: "/api/v1/reports/track?code=" + f.code + "&secret=" + url.QueryEscape(f.secret)},
		"POST /console/login":       {path: "/console/login", form: url.Values{"username": {f.callers[0].p.Username}, "password": {staffPassword}}},
	}
}
