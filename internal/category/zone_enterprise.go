package category

// enterpriseInfringement follows what the reporting centers' 涉企侵权 zones
// ask of enterprises: who is harmed (name and credit code), proof that the
// filer has standing, an agent's identity and power of attorney when filed
// through an agent, the exact URLs, preliminary evidence and a declaration
// of truthfulness. Without these a case cannot be passed on to a platform.
func enterpriseInfringement() Zone {
	agent := &Cond{Field: "filer", Equals: "agent"}
	return Zone{
		Code:            "enterprise_infringement",
		Label:           Text{Zh: "涉企侵权", En: "Infringement of enterprises"},
		Desc:            Text{Zh: "针对企业和企业家的仿冒、误导、造谣、侮辱、泄露隐私等网络侵权信息", En: "Online content impersonating, misleading about, slandering or insulting an enterprise, or leaking an entrepreneur's privacy"},
		DefaultCategory: "infringement",
		Fields: []Field{
			{Code: "kind", Label: Text{Zh: "侵权类型", En: "Kind of infringement"}, Type: TypeSelect, Required: true,
				Options: []Option{
					opt("impersonation", "仿冒性", "Impersonation"),
					opt("misleading", "误导性", "Misleading"),
					opt("rumor", "谣言性", "Rumor"),
					opt("insulting", "侮辱性", "Insulting"),
					opt("privacy_leak", "泄密性（企业家隐私泄露）", "Leak of an entrepreneur's privacy"),
					opt("interference", "其他恶意干扰", "Other malicious interference"),
				}},
			{Code: "enterprise_name", Label: Text{Zh: "企业名称", En: "Enterprise name"}, Type: TypeText, Required: true, MaxLen: 100,
				Help: Text{Zh: "与营业执照上的名称一致", En: "As on the business license"}},
			{Code: "credit_code", Label: Text{Zh: "统一社会信用代码", En: "Unified social credit code"}, Type: TypeUSCC, Required: true,
				Help: Text{Zh: "营业执照上的18位代码", En: "The 18 characters on the business license"}},
			{Code: "filer", Label: Text{Zh: "举报主体", En: "Filed by"}, Type: TypeSelect, Required: true,
				Options: []Option{
					opt("self", "企业本身", "The enterprise itself"),
					opt("agent", "代理人", "An agent"),
				}},
			{Code: "license_files", Label: Text{Zh: "主体资格证明", En: "Proof of standing"}, Type: TypeFiles, Required: true, MaxItems: 10,
				Help: Text{Zh: "营业执照或企业家身份证明", En: "Business license, or the entrepreneur's identity document"}},
			{Code: "agent_name", Label: Text{Zh: "代理人姓名", En: "Agent's name"}, Type: TypeText, RequiredIf: agent, Sensitive: true, MaxLen: 50},
			{Code: "agent_id_number", Label: Text{Zh: "代理人身份证号", En: "Agent's ID card number"}, Type: TypeIDCard, RequiredIf: agent, Sensitive: true},
			{Code: "agent_phone", Label: Text{Zh: "代理人手机号", En: "Agent's mobile number"}, Type: TypePhone, RequiredIf: agent, Sensitive: true,
				Help: Text{Zh: "用于核实委托关系", En: "Used to confirm the mandate"}},
			{Code: "power_of_attorney_files", Label: Text{Zh: "授权委托书", En: "Power of attorney"}, Type: TypeFiles, RequiredIf: agent, MaxItems: 5,
				Help: Text{Zh: "加盖企业公章的授权委托书", En: "Signed and bearing the enterprise's official seal"}},
			{Code: "infringing_urls", Label: Text{Zh: "侵权信息网址", En: "URLs of the infringing content"}, Type: TypeURLs, Required: true, MaxItems: 20,
				Help: Text{Zh: "每行一个具体网址，最多20个", En: "One exact URL per line, at most 20"}},
			{Code: "evidence_summary", Label: Text{Zh: "初步证据说明", En: "Preliminary evidence"}, Type: TypeTextarea, Required: true, MaxLen: 2000,
				Help: Text{Zh: "说明相关信息为何不实或侵权，并列明可以证明的材料", En: "Explain why the content is false or infringing and what proves it"}},
			{Code: "evidence_files", Label: Text{Zh: "证据材料", En: "Evidence files"}, Type: TypeFiles, MaxItems: 20,
				Help: Text{Zh: "截图、公证书、判决书等", En: "Screenshots, notarial certificates, court judgments…"}},
			{Code: "declaration", Label: Text{Zh: "真实性承诺", En: "Declaration"}, Type: TypeBool, Required: true, MustBeTrue: true,
				Help: Text{Zh: "本人承诺所举报内容真实、合法，并承担相应法律责任", En: "I declare that this report is true and lawful and accept legal responsibility for it"}},
		},
	}
}
