package report

import (
	"qinglang/internal/apperr"
	"qinglang/internal/i18n"
)

// Op is a staff action that may move a case along its lifecycle
// (收集 → 研判 → 处置 → 移交 → 回复, DESIGN section 3).
type Op string

const (
	OpAccept   Op = "accept"
	OpReject   Op = "reject"
	OpMerge    Op = "merge"
	OpNotify   Op = "notify"   // notice to a partner platform
	OpTransfer Op = "transfer" // to one or more departments
	OpReply    Op = "reply"
	OpClose    Op = "close"
	OpReopen   Op = "reopen" // the reporter is not satisfied
)

// next is the one place that says which action is legal in which state
// and where it leads. An action already in its target state that may
// repeat (a second notice, a further transfer) keeps the state.
func next(op Op, from Status) (Status, bool) {
	switch op {
	case OpAccept:
		return Assessing, from == Submitted
	case OpReject:
		return Rejected, from == Submitted || from == Assessing
	case OpMerge:
		return Merged, from == Submitted || from == Assessing
	case OpNotify:
		if from == Disposing || from == Transferred {
			return from, true
		}
		return Disposing, from == Assessing
	case OpTransfer:
		return Transferred, from == Assessing || from == Disposing || from == Transferred
	case OpReply:
		return Replied, from == Assessing || from == Disposing || from == Transferred
	case OpClose:
		return Closed, from == Replied || from == Rejected
	case OpReopen:
		return Assessing, from == Replied || from == Rejected || from == Closed
	}
	return "", false
}

// Next returns where op leads from status, or a Conflict error that says
// why the action is not allowed now.
func Next(op Op, from Status) (Status, error) {
	to, ok := next(op, from)
	if !ok {
		return "", apperr.New(apperr.Conflict,
			"案件当前状态为「"+from.Label().Zh+"」，不能执行「"+op.Label().Zh+"」",
			"The case is "+from.Label().En+"; "+op.Label().En+" is not allowed now")
	}
	return to, nil
}

var opLabels = map[Op]i18n.Text{
	OpAccept:   {Zh: "受理", En: "accept"},
	OpReject:   {Zh: "不予受理", En: "reject"},
	OpMerge:    {Zh: "并案", En: "merge"},
	OpNotify:   {Zh: "通知平台处置", En: "notify the platform"},
	OpTransfer: {Zh: "移交部门", En: "transfer"},
	OpReply:    {Zh: "答复", En: "reply"},
	OpClose:    {Zh: "办结", En: "close"},
	OpReopen:   {Zh: "重新研判", En: "reopen"},
}

// Label names the action.
func (o Op) Label() i18n.Text { return opLabels[o] }

// Ops lists every lifecycle action.
func Ops() []Op {
	return []Op{OpAccept, OpReject, OpMerge, OpNotify, OpTransfer, OpReply, OpClose, OpReopen}
}
