package data

import "strings"

// Normalize writes the service period in its stored form.
func (c *CareRecipient) Normalize() {
	normDate(&c.Start)
	normDate(&c.End)
}

// Validate checks the care profile: a person, a known living situation and services, and a
// service period that does not end before it starts. An empty start is allowed: the store gives
// today.
func (c CareRecipient) Validate() error {
	bad := &Invalid{}
	if c.PersonID == 0 && c.ID == 0 {
		bad.Add("居民", "必须选择一位居民")
	}
	if !inList(c.Living, LivingSituations) {
		bad.Add("居住情况", "应为 独居、空巢、高龄 或 其他")
	}
	for _, sv := range c.Services {
		if !inList(sv, ServiceTypes) {
			bad.Add("服务需求", "“%s”不是服务类型", sv)
		}
	}
	okStart := checkDate(bad, "服务期间", c.Start, false)
	okEnd := checkDate(bad, "服务期间", c.End, false)
	if okStart && okEnd && c.Start != "" && c.End != "" && c.End < c.Start {
		bad.Add("结束日期", "不能早于开始日期")
	}
	return bad.Err()
}

// Normalize writes the days in their stored form and trims the note.
func (p *Pairing) Normalize() {
	normDate(&p.From)
	normDate(&p.To)
	p.Note = strings.TrimSpace(p.Note)
}

// Validate checks that a pairing has both people and a start, and ends (when it does) no earlier
// than it starts.
func (p Pairing) Validate() error {
	bad := &Invalid{}
	if p.VolunteerID == 0 {
		bad.Add("志愿者", "必须选择")
	}
	if p.RecipientID == 0 {
		bad.Add("服务对象", "必须选择")
	}
	okFrom := checkDate(bad, "开始日期", p.From, true)
	okTo := checkDate(bad, "结束日期", p.To, false)
	if okFrom && okTo && p.To != "" && p.To < p.From {
		bad.Add("结束日期", "不能早于开始日期")
	}
	return bad.Err()
}

// Normalize writes the round's day in its stored form, with its month, and trims the soup.
func (r *SoupRound) Normalize() {
	normDate(&r.Day)
	if _, err := ParseDate(r.Day); err == nil {
		r.Month = r.Day[:7]
	}
	r.Soup = strings.TrimSpace(r.Soup)
}

// Validate checks the round's day, soup and ingredients cost.
func (r SoupRound) Validate() error {
	bad := &Invalid{}
	checkDate(bad, "日期", r.Day, true)
	if r.Soup == "" {
		bad.Add("汤品", "不能为空")
	}
	if r.CostFen < 0 || r.CostFen > MaxFen {
		bad.Add("食材费用", "金额不合理")
	}
	return bad.Err()
}

// Normalize trims the note.
func (d *Delivery) Normalize() {
	d.Note = strings.TrimSpace(d.Note)
}

// Validate checks what is recorded of a delivery: a known outcome (or none yet), a note for 其他,
// and for 送达 both times, arriving no earlier than leaving. Times are RFC 3339 or empty.
func (d Delivery) Validate() error {
	bad := &Invalid{}
	if d.Outcome != "" && !inList(d.Outcome, Outcomes) {
		bad.Add("结果", "应为 送达、不在家、拒收 或 其他")
	}
	if d.Outcome == OutcomeOther && d.Note == "" {
		bad.Add("备注", "结果为“其他”时请说明")
	}
	okLeft := d.LeftAt == "" || validTime(d.LeftAt)
	okArrived := d.ArrivedAt == "" || validTime(d.ArrivedAt)
	if !okLeft {
		bad.Add("出发时间", "不是有效时间")
	}
	if !okArrived {
		bad.Add("送达时间", "不是有效时间")
	}
	if okLeft && okArrived && d.LeftAt != "" && d.ArrivedAt != "" && timeBefore(d.ArrivedAt, d.LeftAt) {
		bad.Add("送达时间", "不能早于出发时间")
	}
	if d.Outcome == OutcomeDelivered && (d.LeftAt == "" || d.ArrivedAt == "") {
		bad.Add("送达时间", "送达需要出发和送达时间")
	}
	return bad.Err()
}

// Validate checks a new 点单: recipient, type, channel and a due time no earlier than the request.
func (r ServiceRequest) Validate() error {
	bad := &Invalid{}
	if r.RecipientID == 0 {
		bad.Add("服务对象", "必须选择")
	}
	if !inList(r.Type, ServiceTypes) {
		bad.Add("服务类型", "应为 %v 之一", ServiceTypes)
	}
	if !inList(r.Channel, ServiceChannels) {
		bad.Add("来源渠道", "应为 %v 之一", ServiceChannels)
	}
	if !validTime(r.RequestedAt) || !validTime(r.DueAt) {
		bad.Add("时间", "点单时间和期限必须填写")
	} else if timeBefore(r.DueAt, r.RequestedAt) {
		bad.Add("期限", "不能早于点单时间")
	}
	return bad.Err()
}

// ValidateCompletion checks what completing the request records: minutes spent, 1 to 1440, and
// the result.
func (r ServiceRequest) ValidateCompletion() error {
	bad := &Invalid{}
	if r.Minutes <= 0 || r.Minutes > 24*60 {
		bad.Add("用时", "应为 1 到 1440 分钟")
	}
	if strings.TrimSpace(r.Result) == "" {
		bad.Add("结果", "必须填写服务结果")
	}
	return bad.Err()
}

// ValidateFollowUp checks what the 回访 records: a known satisfaction.
func (r ServiceRequest) ValidateFollowUp() error {
	bad := &Invalid{}
	if !inList(r.Satisfaction, Satisfactions) {
		bad.Add("满意度", "应为 满意、基本满意 或 不满意")
	}
	return bad.Err()
}
