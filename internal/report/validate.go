package report

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"qinglang/internal/apperr"
	"qinglang/internal/category"
	"qinglang/internal/urlnorm"
)

// Limits of a submission. They are generous for people and tight for
// floods: a real report rarely needs more.
const (
	MinContent  = 5
	MaxContent  = 5000
	MaxURLs     = 20
	MaxEvidence = 20
	MaxName     = 50
)

var (
	mobileRe = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	codeRe   = regexp.MustCompile(`^[a-z0-9_-]{1,64}$`)
	idRe     = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
)

// clean is a submission after validation, ready to store.
type clean struct {
	Submission
	Category   string
	Channel    Channel
	ZoneFields map[string]any // public zone fields
	ZonePriv   map[string]any // sensitive zone fields, sealed at rest
	Files      []string       // every evidence id: evidence_ids and file fields
	FileFields []string       // where each of Files was given, for errors
}

// addFile notes an evidence id once, with the first field that gave it,
// so an error about the file points at what the client actually sent.
func (c *clean) addFile(id, field string) {
	if !slices.Contains(c.Files, id) {
		c.Files = append(c.Files, id)
		c.FileFields = append(c.FileFields, field)
	}
}

// validate checks everything that needs no database. Every problem found is
// reported at once, each naming its field, so a person fixes the form in one
// pass.
func validate(s Submission, defaultChannel Channel) (*clean, error) {
	c := &clean{Submission: s}
	var errs []apperr.FieldError
	add := func(field, reason, zh, en string) {
		errs = append(errs, apperr.Field(field, reason, zh, en))
	}

	var zone category.Zone
	if s.Zone != "" {
		z, ok := category.LookupZone(s.Zone)
		if !ok {
			add("zone", "unknown", "「举报专区」不存在："+s.Zone, "zone: unknown zone "+quote(s.Zone))
		}
		zone = z
	}
	switch {
	case s.Category != "":
		if _, ok := category.LookupCategory(s.Category); !ok {
			add("category", "unknown", "「举报类型」不存在："+s.Category+"，可选值见 /api/v1/categories", "category: unknown category "+quote(s.Category)+"; see /api/v1/categories")
		}
		c.Category = s.Category
	case zone.Code != "":
		c.Category = zone.DefaultCategory
	default:
		add("category", "required", "请选择举报类型", "category: choose a category (or a zone)")
	}

	c.Content = cleanText(s.Content)
	switch n := utf8.RuneCountInString(c.Content); {
	case n == 0:
		add("content", "required", "请填写举报内容：描述有害信息是什么、出现在哪里", "content: describe what the harmful content is and where it appears")
	case n < MinContent:
		add("content", "too_short", fmt.Sprintf("「举报内容」太短，请至少写 %d 个字", MinContent), fmt.Sprintf("content: write at least %d characters", MinContent))
	case n > MaxContent:
		add("content", "too_long", fmt.Sprintf("「举报内容」最多 %d 字，当前 %d 字", MaxContent, n), fmt.Sprintf("content: at most %d characters, got %d", MaxContent, n))
	}

	c.URLs = nil
	seen := map[string]bool{}
	if len(s.URLs) > MaxURLs {
		add("urls", "too_many", fmt.Sprintf("「链接」最多 %d 个", MaxURLs), fmt.Sprintf("urls: at most %d", MaxURLs))
	} else {
		for i, raw := range s.URLs {
			u, err := urlnorm.Normalize(raw)
			if err != nil {
				add(fmt.Sprintf("urls[%d]", i), "bad_url", "第 "+fmt.Sprint(i+1)+" 个链接无效："+urlMessageZh(err), fmt.Sprintf("urls[%d]: %v", i, err))
				continue
			}
			if !seen[u] {
				seen[u] = true
				c.URLs = append(c.URLs, u)
			}
		}
	}

	c.Channel = defaultChannel
	if s.Channel != "" {
		c.Channel = Channel(s.Channel)
		if !c.Channel.Valid() {
			add("channel", "unknown", "「受理渠道」不存在："+s.Channel, "channel: unknown channel "+quote(s.Channel))
		}
	}
	if c.Channel == "platform" && s.Platform == "" {
		add("platform", "required", "经合作平台举报入口提交时须注明平台", "platform: required when the channel is platform")
	}
	for _, f := range []struct{ name, v string }{{"platform", s.Platform}, {"campaign", s.Campaign}, {"district", s.District}} {
		if f.v != "" && !codeRe.MatchString(f.v) {
			add(f.name, "bad_format", f.name+" 代码格式不正确", f.name+": malformed code")
		}
	}

	if len(s.EvidenceIDs)+len(s.Uploads) > MaxEvidence {
		add("evidence_ids", "too_many", fmt.Sprintf("证据文件最多 %d 个", MaxEvidence), fmt.Sprintf("evidence_ids: at most %d files", MaxEvidence))
	}
	for i, id := range s.EvidenceIDs {
		if !idRe.MatchString(id) {
			add(fmt.Sprintf("evidence_ids[%d]", i), "bad_format", "证据编号格式不正确，请使用上传接口返回的 id", fmt.Sprintf("evidence_ids[%d]: not an id returned by /api/v1/evidence", i))
		} else {
			c.addFile(id, fmt.Sprintf("evidence_ids[%d]", i))
		}
	}

	errs = append(errs, c.validateZone(zone, s.ZoneFields)...)
	errs = append(errs, c.validateReporter(zone)...)

	if len(c.URLs) == 0 && len(c.Files) == 0 && len(s.Uploads) == 0 && zone.Code == "" && len(errs) == 0 {
		add("urls", "required", "请至少提供一个有害信息的链接，或上传一份截图等证据", "urls: give at least one link to the content, or upload a screenshot as evidence")
	}
	if len(errs) > 0 {
		return nil, apperr.Fields(errs...)
	}
	return c, nil
}

func (c *clean) validateZone(zone category.Zone, values map[string]any) []apperr.FieldError {
	if zone.Code == "" {
		if len(values) > 0 {
			return []apperr.FieldError{apperr.Field("zone_fields", "unexpected", "未选择举报专区时不能填写专区字段", "zone_fields: only allowed together with a zone")}
		}
		return nil
	}
	vals, ferrs := zone.Validate(values)
	var errs []apperr.FieldError
	for _, fe := range ferrs {
		errs = append(errs, apperr.Field("zone_fields."+fe.Field, fe.Reason, fe.Msg.Zh, fe.Msg.En))
	}
	c.ZoneFields, c.ZonePriv = map[string]any{}, map[string]any{}
	for code, v := range vals {
		f, _ := zone.Field(code)
		if f.Type == category.TypeFiles {
			for i, id := range v.([]string) {
				c.addFile(id, fmt.Sprintf("zone_fields.%s[%d]", code, i))
			}
		}
		if f.Sensitive {
			c.ZonePriv[code] = v
		} else {
			c.ZoneFields[code] = v
		}
	}
	return errs
}

func (c *clean) validateReporter(zone category.Zone) []apperr.FieldError {
	r := &c.Reporter
	var errs []apperr.FieldError
	add := func(field, reason, zh, en string) {
		errs = append(errs, apperr.Field(field, reason, zh, en))
	}
	r.Name = cleanText(r.Name)
	r.Phone = normalizePhone(r.Phone)
	r.Email = strings.ToLower(strings.TrimSpace(norm.NFKC.String(r.Email)))
	if r.Anonymous {
		if zone.Code == "enterprise_infringement" {
			add("reporter.anonymous", "not_allowed", "涉企侵权举报须实名提交，以便核实主体资格", "reporter.anonymous: enterprise infringement reports must be filed under a real name")
		}
		if r.Name != "" || r.Phone != "" || r.Email != "" {
			add("reporter.anonymous", "conflict", "选择匿名举报时请不要填写姓名和联系方式", "reporter.anonymous: leave name and contacts empty for an anonymous report")
		}
		return errs
	}
	if utf8.RuneCountInString(r.Name) > MaxName {
		add("reporter.name", "too_long", fmt.Sprintf("「姓名」最多 %d 字", MaxName), fmt.Sprintf("reporter.name: at most %d characters", MaxName))
	}
	if r.Phone == "" && r.Email == "" {
		add("reporter.phone", "required", "实名举报请至少留下手机号或电子邮箱，以便回复；也可选择匿名举报", "reporter.phone: give a mobile number or an e-mail address so we can reply, or report anonymously")
	}
	if r.Phone != "" && !mobileRe.MatchString(r.Phone) {
		add("reporter.phone", "bad_format", "「手机号」应为11位中国大陆手机号码", "reporter.phone: must be an 11-digit mainland China mobile number")
	}
	if r.Email != "" {
		a, err := mail.ParseAddress(r.Email)
		if err != nil || a.Address != r.Email || len(r.Email) > 254 || !strings.Contains(r.Email[strings.IndexByte(r.Email, '@')+1:], ".") {
			add("reporter.email", "bad_format", "「电子邮箱」格式不正确", "reporter.email: not a valid e-mail address")
		}
	}
	return errs
}

// cleanText folds text to NFC, drops control and format characters other
// than line breaks and tabs, and trims it.
func cleanText(s string) string {
	s = norm.NFC.String(s)
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r == '\r' || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) && r != '\u200d' {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// normalizePhone accepts the ways people write a mainland number:
// full-width digits, spaces, hyphens and a +86 or 0086 prefix.
func normalizePhone(p string) string {
	p = norm.NFKC.String(strings.TrimSpace(p))
	p = strings.NewReplacer(" ", "", "-", "", "(", "", ")", "").Replace(p)
	for _, prefix := range []string{"+86", "0086"} {
		if strings.HasPrefix(p, prefix) && len(p) == len(prefix)+11 {
			p = p[len(prefix):]
		}
	}
	return p
}

func urlMessageZh(err error) string {
	e, ok := err.(*urlnorm.Error)
	if !ok {
		return "格式不正确"
	}
	switch e.Reason {
	case urlnorm.ReasonEmpty:
		return "为空"
	case urlnorm.ReasonTooLong:
		return fmt.Sprintf("超过 %d 个字符", urlnorm.MaxLen)
	case urlnorm.ReasonBadScheme:
		return "只接受 http:// 或 https:// 开头的网址"
	case urlnorm.ReasonBadHost:
		return "域名或IP地址不正确"
	}
	return "格式不正确"
}

func quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
