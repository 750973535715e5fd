package data

import (
	"context"
	"time"

	"linli/data/importer"
)

// TemplateColumn is one column of an import template: a header the importer recognises, the
// example row's value, and what the template does to keep the column clean.
type TemplateColumn struct {
	Header  string
	Example string
	Text    bool     // formatted as text, so Excel cannot turn the number into 3.30481E+17
	Choices []string // a drop-down list of the closed values, from the office's own database
	Multi   bool     // several choices may be written together (独居、高龄): the list suggests, it does not refuse
	Width   float64
}

// ImportTemplate describes the template of an import kind: one column per field the import
// reads (importer.PeopleFields or VolunteerFields, so that a field added there is in the template
// too), with an example row that imports as it stands. Any account may fetch it.
func (s *Store) ImportTemplate(ctx context.Context, kind string) ([]TemplateColumn, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	comms, err := s.Communities(ctx)
	if err != nil {
		return nil, err
	}
	var communities, grids []string
	for _, c := range comms {
		communities = append(communities, c.Name)
		for _, g := range c.Grids {
			grids = append(grids, g.Name)
		}
	}
	exampleCommunity, exampleGrid := "", ""
	if len(comms) > 0 {
		exampleCommunity = comms[0].Name
		if len(comms[0].Grids) > 0 {
			exampleGrid = comms[0].Grids[0].Name
		}
	}
	birth := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	examples := map[importer.Field]TemplateColumn{
		importer.Name:             {Example: "示例居民", Width: 12},
		importer.IDNumber:         {Example: MakeID("110101", birth, 2), Text: true, Width: 21},
		importer.Phone:            {Example: "13800000000", Text: true, Width: 15},
		importer.Community:        {Example: exampleCommunity, Choices: communities, Width: 14},
		importer.Grid:             {Example: exampleGrid, Choices: grids, Width: 16},
		importer.Address:          {Example: "幸福路 1 号 1 幢 101 室", Width: 30},
		importer.Sex:              {Example: Female, Choices: []string{Male, Female}, Width: 6},
		importer.BirthDate:        {Example: birth.Format("2006-01-02"), Text: true, Width: 12},
		importer.Tags:             {Example: "独居、高龄", Choices: KnownTags, Multi: true, Width: 16},
		importer.Notes:            {Example: "示例行，导入前请删除", Width: 22},
		importer.EmergencyContact: {Width: 12},
		importer.EmergencyPhone:   {Text: true, Width: 15},
		importer.VolunteerKinds:   {Example: "居民骨干", Choices: VolunteerKinds, Multi: true, Width: 16},
		importer.Skills:           {Example: "理发", Width: 14},
		importer.Weekdays:         {Example: "周末", Choices: []string{"每天", "工作日", "周末", "周一", "周二", "周三", "周四", "周五", "周六", "周日"}, Multi: true, Width: 14},
		importer.VolunteerNumber:  {Text: true, Width: 14},
		importer.UnifiedNumber:    {Text: true, Width: 20},
	}
	fields := importer.PeopleFields
	if kind == ImportVolunteers {
		fields = importer.VolunteerFields
	}
	var cols []TemplateColumn
	for _, f := range fields {
		c := examples[f] // a field without an entry here still gets its column
		c.Header = string(f)
		if c.Width == 0 {
			c.Width = 14
		}
		cols = append(cols, c)
	}
	return cols, nil
}
