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
		Label:           Text{"涉企侵权", "Infringement of enterprises"},
		Desc:            Text{"针对企业和企业家的仿冒、误导、造谣、侮辱、泄露隐私等网络侵权信息", "Online content impersonating, misleading about, slandering or insulting an enterprise, or leaking an entrepreneur's privacy"},
		DefaultCategory: "infringement",
		Fields: []Field{
			{Code: "kind", Label: Text{"侵权类型", "Kind of infringement"}, Type: TypeSelect, Required: true,
				Options: []Option{
					opt("impersonation", "仿冒性", "Impersonation"),
					opt("misleading", "误导性", "Misleading"),
					opt("rumor", "谣言性", "Rumor"),
					opt("insulting", "侮辱性", "Insulting"),
					opt("privacy_leak", "泄密性（企业家隐私泄露）", "Leak of an entrepreneur's privacy"),
					opt("interference", "其他恶意干扰", "Other malicious interference"),
				}},
			{Code: "enterprise_name", Label: Text{"企业名称", "Enterprise name"}, Type: TypeText, Required: true, MaxLen: 100,
				Help: Text{"与营业执照上的名称一致", "As on the business license"}},
			{Code: "credit_code", Label: Text{"统一社会信用代码", "Unified social credit code"}, Type: TypeUSCC, Required: true,
				Help: Text{"营业执照上的18位代码", "The 18 characters on the business license"}},
			{Code: "filer", Label: Text{"举报主体", "Filed by"}, Type: TypeSelect, Required: true,
				Options: []Option{
					opt("self", "企业本身", "The enterprise itself"),
					opt("agent", "代理人", "An agent"),
				}},
			{Code: "license_files", Label: Text{"主体资格证明", "Proof of standing"}, Type: TypeFiles, Required: true, MaxItems: 10,
				Help: Text{"营业执照或企业家身份证明", "Business license, or the entrepreneur's identity document"}},
			{Code: "agent_name", Label: Text{"代理人姓名", "Agent's name"}, Type: TypeText, RequiredIf: agent, Sensitive: true, MaxLen: 50},
			{Code: "agent_id_number", Label: Text{"代理人身份证号", "Agent's ID card number"}, Type: TypeIDCard, RequiredIf: agent, Sensitive: true},
			{Code: "agent_phone", Label: Text{"代理人手机号", "Agent's mobile number"}, Type: TypePhone, RequiredIf: agent, Sensitive: true,
				Help: Text{"用于核实委托关系", "Used to confirm the mandate"}},
			{Code: "power_of_attorney_files", Label: Text{"授权委托书", "Power of attorney"}, Type: TypeFiles, RequiredIf: agent, MaxItems: 5,
				Help: Text{"加盖企业公章的授权委托书", "Signed and bearing the enterprise's official seal"}},
			{Code: "infringing_urls", Label: Text{"侵权信息网址", "URLs of the infringing content"}, Type: TypeURLs, Required: true, MaxItems: 20,
				Help: Text{"每行一个具体网址，最多20个", "One exact URL per line, at most 20"}},
			{Code: "evidence_summary", Label: Text{"初步证据说明", "Preliminary evidence"}, Type: TypeTextarea, Required: true, MaxLen: 2000,
				Help: Text{"说明相关信息为何不实或侵权，并列明可以证明的材料", "Explain why the content is false or infringing and what proves it"}},
			{Code: "evidence_files", Label: Text{"证据材料", "Evidence files"}, Type: TypeFiles, MaxItems: 20,
				Help: Text{"截图、公证书、判决书等", "Screenshots, notarial certificates, court judgments…"}},
			{Code: "declaration", Label: Text{"真实性承诺", "Declaration"}, Type: TypeBool, Required: true, MustBeTrue: true,
				Help: Text{"本人承诺所举报内容真实、合法，并承担相应法律责任", "I declare that this report is true and lawful and accept legal responsibility for it"}},
		},
	}
}
