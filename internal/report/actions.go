package report

import "qinglang/internal/i18n"

// Action names a timeline entry. The staff lifecycle adds its own; these
// are the ones the public side writes or shows.
type Action string

var actionLabels = map[Action]i18n.Text{
	"submitted":         {Zh: "提交举报", En: "Report submitted"},
	"accepted":          {Zh: "受理", En: "Accepted"},
	"rejected":          {Zh: "不予受理", En: "Not accepted"},
	"merged":            {Zh: "并案处理", En: "Merged"},
	"recategorized":     {Zh: "调整类型", En: "Category corrected"},
	"assessed":          {Zh: "研判", En: "Assessed"},
	"notice_sent":       {Zh: "通知平台处置", En: "Platform notified"},
	"platform_reply":    {Zh: "平台反馈处置结果", En: "Platform responded"},
	"transferred":       {Zh: "移交相关部门", En: "Transferred"},
	"feedback":          {Zh: "部门反馈", En: "Department feedback"},
	"replied":           {Zh: "答复", En: "Replied"},
	"closed":            {Zh: "办结", En: "Closed"},
	"reopened":          {Zh: "重新研判", En: "Reopened"},
	"material_added":    {Zh: "补充材料", En: "Material added"},
	"rated":             {Zh: "评价答复", En: "Reply rated"},
	"assigned":          {Zh: "分派", En: "Assigned"},
	"disposal":          {Zh: "处置", En: "Disposal"},
	"transfer_accepted": {Zh: "部门签收", En: "Transfer accepted"},
}

// Label is the action as the reporter reads it.
func (a Action) Label() i18n.Text {
	if l, ok := actionLabels[a]; ok {
		return l
	}
	return i18n.Text{Zh: string(a), En: string(a)}
}
