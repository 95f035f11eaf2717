package category

import (
	"strconv"

	"qinglang/internal/urlnorm"
)

// fail builds the error for reason with a message that names the field by
// its label and, where it helps, says how to get it right: these messages
// are shown to the public as they are.
func (f Field) fail(reason string) FieldError {
	zh, en := "「"+f.Label.Zh+"」", f.Label.En
	var m Text
	switch reason {
	case ReasonRequired:
		switch f.Type {
		case TypeSelect, TypeMultiSelect:
			m = Text{Zh: "请选择" + zh, En: "Please choose: " + en}
		case TypeFiles:
			m = Text{Zh: "请上传" + zh, En: "Please upload: " + en}
		default:
			m = Text{Zh: "请填写" + zh, En: en + " is required"}
		}
	case ReasonMustAccept:
		m = Text{Zh: "请阅读并勾选" + zh + "：" + f.Help.Zh, En: "Please read and accept the " + en + ": " + f.Help.En}
	case ReasonInvalidOption:
		m = Text{Zh: zh + "的选项无效，请从列表中选择", En: en + ": not one of the listed choices"}
	case ReasonTooLong:
		n := strconv.Itoa(f.maxLen())
		m = Text{Zh: zh + "不能超过" + n + "个字", En: en + ": at most " + n + " characters"}
	case ReasonTooMany:
		n := strconv.Itoa(f.maxItems())
		m = Text{Zh: zh + "最多" + n + "项", En: en + ": at most " + n}
	case ReasonNotNumber:
		m = Text{Zh: zh + "请填写数字，如 1000 或 1000.50", En: en + ": enter a number such as 1000 or 1000.50"}
	case ReasonOutOfRange:
		if f.Type == TypeDate {
			m = Text{Zh: zh + "日期不能早于1900年或晚于今天", En: en + ": the date must be between 1900 and today"}
		} else {
			lo, hi := num(f.Min), num(f.Max)
			m = Text{Zh: zh + "应在" + lo + "到" + hi + "之间", En: en + ": must be between " + lo + " and " + hi}
		}
	case ReasonBadChecksum:
		if f.Type == TypeUSCC {
			m = Text{Zh: zh + "校验位不正确，请核对营业执照上的18位代码", En: en + ": the check character is wrong; copy the 18 characters from the business license"}
		} else {
			m = Text{Zh: zh + "校验位不正确，请核对身份证上的18位号码", En: en + ": the check character is wrong; copy the 18 characters from the ID card"}
		}
	default:
		m = f.formatMsg(zh, en)
	}
	return FieldError{Field: f.Code, Reason: reason, Msg: m}
}

// formatMsg explains the expected form of each field type.
func (f Field) formatMsg(zh, en string) Text {
	switch f.Type {
	case TypeUSCC:
		return Text{Zh: zh + "应为18位数字或大写字母（不含I、O、Z、S、V），请核对营业执照", En: en + ": 18 digits or capital letters (no I, O, Z, S or V), as on the business license"}
	case TypeIDCard:
		return Text{Zh: zh + "应为18位号码，最后一位可以是X，且出生日期有效", En: en + ": 18 characters, the last may be X, with a valid date of birth"}
	case TypePhone:
		return Text{Zh: zh + "应为11位手机号码", En: en + ": an 11-digit mainland mobile number"}
	case TypeDate:
		return Text{Zh: zh + "请按“年-月-日”填写，如 2024-05-01", En: en + ": use the form YYYY-MM-DD, e.g. 2024-05-01"}
	case TypeFiles:
		return Text{Zh: zh + "附件无效，请重新上传", En: en + ": invalid attachment; please upload it again"}
	case TypeBool:
		return Text{Zh: zh + "只能勾选或不勾选", En: en + ": must be checked or unchecked"}
	}
	return Text{Zh: zh + "的格式不正确", En: en + ": wrong format"}
}

// failURL names the offending URL: a report may list twenty of them.
func (f Field) failURL(e *urlnorm.Error) FieldError {
	zh, en := "网址格式不正确", "not a valid web address"
	switch e.Reason {
	case urlnorm.ReasonBadScheme:
		zh, en = "只接受 http 或 https 开头的网页地址", "only http and https web addresses are accepted"
	case urlnorm.ReasonBadHost:
		zh, en = "缺少有效的域名或IP地址", "no valid domain name or IP address"
	case urlnorm.ReasonTooLong:
		zh, en = "网址超过2048个字符", "longer than 2048 characters"
	}
	return FieldError{Field: f.Code, Reason: ReasonBadURL, Msg: Text{
		Zh: "「" + f.Label.Zh + "」中的网址 " + e.Input + " " + zh,
		En: f.Label.En + ": " + e.Input + ": " + en,
	}}
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
