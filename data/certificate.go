package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Certificate kinds and their number prefixes.
const (
	CertVolunteer  = "志愿服务证明"
	CertCompletion = "结业证书"
	CertTraining   = "培训证书"
	CertPractice   = "社会实践证明"
	CertShop       = "爱心商铺证书"
)

var certPrefix = map[string]string{CertVolunteer: "ZF", CertCompletion: "JY", CertTraining: "PX", CertPractice: "SJ", CertShop: "AX"}

// Certificate is an entry of the register shared by every programme.
type Certificate struct {
	ID           int64
	Number       string // ZF-2026-0001: never reused
	Kind         string
	PersonID     int64
	ShopID       int64 // an 爱心商铺证书 names a shop instead of a person
	Name         string
	IDNumber     string // masked unless the caller may reveal
	From, To     string
	Minutes      int
	Content      string
	VerifyCode   string
	IssuedBy     string
	IssuedAt     string
	Revoked      bool
	RevokeReason string
}

// IssueCertificate adds certificates to the register in one transaction and returns them with
// their numbers. Numbers run per kind and year and are never reused, even after revocation.
func (s *Store) IssueCertificate(ctx context.Context, certs []Certificate) ([]Certificate, error) {
	for i := range certs {
		certs[i].Normalize()
		if err := certs[i].Validate(); err != nil {
			var e *Error
			if errors.As(err, &e) && len(e.Fields) > 0 {
				e.Message = fmt.Sprintf("第 %d 张证书", i+1)
			}
			return nil, err
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermView)
		if err != nil {
			return err
		}
		need := map[string]Perm{CertVolunteer: PermCareWrite, CertCompletion: PermChildrenWrite, CertTraining: PermWorkshop,
			CertPractice: PermPostsWrite, CertShop: PermPostsWrite}
		year := s.now().Format("2006")
		for i := range certs {
			c := &certs[i]
			if !a.Role.Can(need[c.Kind]) {
				return forbidden("“" + string(a.Role) + "”角色不能出具" + c.Kind)
			}
			if err := s.insertCertificate(ctx, tx, a, year, c); err != nil {
				return err
			}
			if err := queryRow(ctx, tx, "SELECT name, coalesce(id_number, '') FROM person WHERE id = ?", c.PersonID).Scan(&c.Name, &c.IDNumber); err != nil {
				return mapErr(err, "居民")
			}
			c.IDNumber = MaskID(c.IDNumber)
		}
		return s.audit(ctx, tx, a, ActPrint, "证书", 0, fmt.Sprintf("出具%s %d 张", certs[0].Kind, len(certs)))
	})
	return certs, err
}

// insertCertificate numbers a certificate in the register (per kind and year, never reused),
// gives it a verification code and writes it.
func (s *Store) insertCertificate(ctx context.Context, tx *sql.Tx, a *Actor, year string, c *Certificate) error {
	var err error
	if c.Number, err = nextNumber(ctx, tx, "certificate", certPrefix[c.Kind]+"-"+year+"-", 4); err != nil {
		return mapErr(err, "证书")
	}
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		return internal(err)
	}
	c.VerifyCode = strings.ToUpper(hex.EncodeToString(b))
	c.IssuedBy, c.IssuedAt = a.Username, s.stamp()
	var person, shop any
	if c.ShopID != 0 {
		shop = c.ShopID
	} else {
		person = c.PersonID
	}
	res, err := execSQL(ctx, tx, `INSERT INTO certificate (number, kind, person_id, shop_id, period_from, period_to, minutes, content,
		verify_code, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.Number, c.Kind, person, shop, c.From, c.To,
		c.Minutes, c.Content, c.VerifyCode, c.IssuedBy, c.IssuedAt)
	if err != nil {
		return mapErr(err, "证书编号")
	}
	c.ID, err = lastID(res)
	return err
}

// RevokeCertificate marks a certificate revoked with a reason; it stays in the register.
func (s *Store) RevokeCertificate(ctx context.Context, id int64, reason string) error {
	if err := checkReason("注销原因", reason); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		a, err := s.authorize(ctx, tx, PermView)
		if err != nil {
			return err
		}
		if !a.Role.Can(PermCareWrite) && !a.Role.Can(PermWorkshop) {
			return forbidden("“" + string(a.Role) + "”角色不能注销证书")
		}
		res, err := execSQL(ctx, tx, "UPDATE certificate SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL", s.stamp(), reason, id)
		if err != nil {
			return mapErr(err, "证书")
		}
		if n, err := affected(res); err != nil {
			return err
		} else if n == 0 {
			return &Error{Code: CodeConflict, Message: "证书不存在或已经注销"}
		}
		return s.audit(ctx, tx, a, ActUpdate, "证书", id, "注销证书："+reason)
	})
}

// Certificates lists the register, newest first; kind "" for all.
func (s *Store) Certificates(ctx context.Context, kind string) ([]Certificate, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return nil, err
	}
	out, err := findCertificates(ctx, s.db, kind)
	if err != nil {
		return nil, mapErr(err, "证书")
	}
	for i := range out {
		out[i].IDNumber = MaskID(out[i].IDNumber)
	}
	return out, nil
}

// Certificate reads one entry of the register (the ID number masked, as in the list).
func (s *Store) Certificate(ctx context.Context, id int64) (Certificate, error) {
	if _, err := s.authorize(ctx, s.db, PermView); err != nil {
		return Certificate{}, err
	}
	out, err := findCertificatesWhere(ctx, s.db, " WHERE c.id = ?", id)
	if err != nil {
		return Certificate{}, mapErr(err, "证书")
	}
	if len(out) == 0 {
		return Certificate{}, notFound("这张证书")
	}
	out[0].IDNumber = MaskID(out[0].IDNumber)
	return out[0], nil
}

// findCertificates lists the register, unmasked, newest first; kind "" for all.
func findCertificates(ctx context.Context, q querier, kind string) ([]Certificate, error) {
	if kind != "" {
		return findCertificatesWhere(ctx, q, " WHERE c.kind = ?", kind)
	}
	return findCertificatesWhere(ctx, q, "")
}

func findCertificatesWhere(ctx context.Context, q querier, where string, args ...any) ([]Certificate, error) {
	query := `SELECT c.id, c.number, c.kind, coalesce(c.person_id, 0), coalesce(c.shop_id, 0), coalesce(p.name, sh.name, ''),
		coalesce(p.id_number, ''), c.period_from, c.period_to, c.minutes,
		c.content, c.verify_code, c.issued_by, c.issued_at, c.revoked_at IS NOT NULL, c.revoke_reason
		FROM certificate c LEFT JOIN person p ON p.id = c.person_id LEFT JOIN shop sh ON sh.id = c.shop_id` + where
	return queryAll(ctx, q, func(sc rowScanner) (Certificate, error) {
		var c Certificate
		err := sc.Scan(&c.ID, &c.Number, &c.Kind, &c.PersonID, &c.ShopID, &c.Name, &c.IDNumber, &c.From, &c.To, &c.Minutes, &c.Content,
			&c.VerifyCode, &c.IssuedBy, &c.IssuedAt, &c.Revoked, &c.RevokeReason)
		return c, err
	}, query+" ORDER BY c.id DESC", args...)
}
