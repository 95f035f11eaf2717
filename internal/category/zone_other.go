package category

func cyberviolence() Zone {
	return Zone{
		Code:            "cyberviolence",
		Label:           Text{Zh: "涉网络暴力有害信息", En: "Cyberviolence"},
		Desc:            Text{Zh: "针对个人集中发布侮辱谩骂、造谣诽谤、侵犯隐私、威胁恐吓等信息", En: "Mass insults, slander, privacy exposure or threats aimed at a person"},
		DefaultCategory: "other",
		Fields: []Field{
			{Code: "victim", Label: Text{Zh: "受害人", En: "Victim"}, Type: TypeSelect, Required: true,
				Options: []Option{opt("self", "本人", "Myself"), opt("other", "他人", "Someone else")}},
			{Code: "kind", Label: Text{Zh: "网暴类型", En: "Kind of cyberviolence"}, Type: TypeSelect, Required: true,
				Options: []Option{
					opt("insult", "侮辱谩骂", "Insults"),
					opt("doxxing", "人肉搜索/曝光隐私", "Doxxing, exposure of private information"),
					opt("rumor", "造谣诽谤", "Rumors and slander"),
					opt("threat", "威胁恐吓", "Threats and intimidation"),
					opt("incite", "煽动围攻", "Inciting a pile-on"),
					opt("other", "其他", "Other"),
				}},
			{Code: "victim_name", Label: Text{Zh: "受害人姓名或网名", En: "Victim's name or screen name"}, Type: TypeText, Sensitive: true, MaxLen: 50,
				Help: Text{Zh: "便于平台定位相关信息，可不填", En: "Helps platforms find the content; optional"}},
			{Code: "started_on", Label: Text{Zh: "开始时间", En: "Started on"}, Type: TypeDate,
				Help: Text{Zh: "网暴开始的大致日期", En: "Approximate date it started"}},
		},
	}
}

func elderlyFraud() Zone {
	return Zone{
		Code:            "elderly_fraud",
		Label:           Text{Zh: "涉养老网络诈骗信息", En: "Online fraud targeting the elderly"},
		Desc:            Text{Zh: "以保健品、“投资养老”、“以房养老”、养老服务等名义诈骗老年人的网络信息", En: "Scams aimed at older people: health products, \"retirement investments\", care services…"},
		DefaultCategory: "fraud",
		Fields: []Field{
			{Code: "victim_age_band", Label: Text{Zh: "受害人年龄段", En: "Victim's age"}, Type: TypeSelect, Required: true,
				Options: []Option{
					opt("60-69", "60–69岁", "60–69"),
					opt("70-79", "70–79岁", "70–79"),
					opt("80+", "80岁及以上", "80 or older"),
					opt("unknown", "不清楚", "Unknown"),
				}},
			{Code: "amount", Label: Text{Zh: "涉案金额（元）", En: "Amount involved (CNY)"}, Type: TypeNumber, Min: 0, Max: 1e10,
				Help: Text{Zh: "已被骗或被要求支付的金额，不清楚可不填", En: "Money lost or demanded; leave empty if unknown"}},
			{Code: "fraud_type", Label: Text{Zh: "诈骗类型", En: "Type of fraud"}, Type: TypeSelect, Required: true,
				Options: []Option{
					opt("health_products", "保健品", "Health products"),
					opt("investment", "以“投资”“养老项目”为名", "\"Investment\" or \"retirement project\""),
					opt("insurance", "以“养老保险”为名", "\"Pension insurance\""),
					opt("elderly_care_services", "养老服务/床位", "Elderly care services or beds"),
					opt("antiques", "收藏品", "Collectibles and antiques"),
					opt("other", "其他", "Other"),
				}},
		},
	}
}

func algorithm() Zone {
	return Zone{
		Code:            "algorithm",
		Label:           Text{Zh: "涉互联网算法推荐", En: "Algorithmic recommendation"},
		Desc:            Text{Zh: "算法推荐服务中的大数据“杀熟”、诱导沉迷、操纵榜单等问题", En: "Problems with recommendation algorithms: price discrimination, addiction, manipulated rankings…"},
		DefaultCategory: "other",
		Fields: []Field{
			{Code: "app_name", Label: Text{Zh: "应用或服务名称", En: "App or service"}, Type: TypeText, Required: true, MaxLen: 100},
			{Code: "problem", Label: Text{Zh: "问题类型", En: "Problem"}, Type: TypeSelect, Required: true,
				Options: []Option{
					opt("price_discrimination", "大数据“杀熟”", "Big-data price discrimination"),
					opt("addiction", "诱导沉迷", "Inducing addiction"),
					opt("info_cocoon", "信息茧房", "Information cocoon"),
					opt("minors", "侵害未成年人", "Harm to minors"),
					opt("worker_rights", "侵害劳动者权益（平台算法压榨）", "Harm to workers' rights (platform algorithms)"),
					opt("list_manipulation", "操纵榜单/热搜", "Manipulated rankings or trending lists"),
					opt("other", "其他", "Other"),
				}},
		},
	}
}

func practitioner() Zone {
	return Zone{
		Code:            "practitioner",
		Label:           Text{Zh: "网络内容从业人员违法违规行为", En: "Misconduct of online content practitioners"},
		Desc:            Text{Zh: "网络编辑、记者、主播等从业人员编造假新闻、有偿删帖、敲诈勒索等行为", En: "Fake news, paid deletion, extortion and other misconduct by editors, reporters, streamers…"},
		DefaultCategory: "other",
		Fields: []Field{
			{Code: "practitioner_account", Label: Text{Zh: "从业人员账号", En: "Practitioner's account"}, Type: TypeText, Required: true, MaxLen: 200,
				Help: Text{Zh: "账号名称、ID或主页网址", En: "Account name, id or profile URL"}},
			{Code: "practitioner_name", Label: Text{Zh: "从业人员姓名", En: "Practitioner's name"}, Type: TypeText, Sensitive: true, MaxLen: 50},
			{Code: "employer_platform", Label: Text{Zh: "所属平台或单位", En: "Platform or employer"}, Type: TypeText, Required: true, MaxLen: 100},
			{Code: "misconduct", Label: Text{Zh: "违规行为", En: "Misconduct"}, Type: TypeSelect, Required: true,
				Options: []Option{
					opt("fake_news", "编造虚假新闻", "Fabricating news"),
					opt("paid_deletion", "有偿删帖", "Paid deletion of posts"),
					opt("extortion", "敲诈勒索", "Extortion"),
					opt("plagiarism", "抄袭洗稿", "Plagiarism and rewriting"),
					opt("other", "其他", "Other"),
				}},
		},
	}
}

func historicalNihilism() Zone {
	return Zone{
		Code:            "historical_nihilism",
		Label:           Text{Zh: "涉历史虚无主义有害信息", En: "Historical nihilism"},
		Desc:            Text{Zh: "歪曲党史、国史、军史，诋毁英雄烈士的有害信息", En: "Content distorting history or defaming heroes and martyrs"},
		DefaultCategory: "other",
		Fields: []Field{
			{Code: "subject_kind", Label: Text{Zh: "涉及对象", En: "Subject"}, Type: TypeSelect, Required: true,
				Options: []Option{opt("person", "英雄烈士/历史人物", "Hero, martyr or historical figure"), opt("event", "历史事件", "Historical event")}},
			{Code: "subject", Label: Text{Zh: "人物或事件名称", En: "Person or event"}, Type: TypeText, Required: true, MaxLen: 200},
			{Code: "content_kind", Label: Text{Zh: "内容类型", En: "Kind of content"}, Type: TypeSelect, Required: true,
				Options: []Option{
					opt("distortion", "歪曲历史", "Distorting history"),
					opt("defamation", "诋毁英烈", "Defaming heroes and martyrs"),
					opt("denial", "否定历史结论", "Denying established conclusions"),
					opt("mockery", "恶搞调侃", "Mockery and parody"),
					opt("other", "其他", "Other"),
				}},
		},
	}
}
