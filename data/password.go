package data

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2Params are the argon2id parameters; they are stored with every hash.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	KeyLen  uint32
}

// DefaultArgon2 follows RFC 9106's second recommended option, scaled for an office PC.
var DefaultArgon2 = Argon2Params{Memory: 64 * 1024, Time: 2, Threads: 2, KeyLen: 32}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 8

// CheckPasswordRule validates a new password.
func CheckPasswordRule(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLen {
		v := &Invalid{}
		v.Add("密码", "至少 %d 个字符", MinPasswordLen)
		return v.Err()
	}
	return nil
}

// HashPassword returns an encoded argon2id hash: $argon2id$v=19$m=..,t=..,p=..$salt$key.
func HashPassword(pw string, p Argon2Params) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	releaseArgon2Memory(p.Memory)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// VerifyPassword compares pw with an encoded hash in constant time, using the stored parameters.
func VerifyPassword(pw, encoded string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	var p Argon2Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false
	}
	if p.Memory == 0 || p.Memory > 1<<22 || p.Time == 0 || p.Time > 16 || p.Threads == 0 {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil || len(want) == 0 || len(want) > 128 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	releaseArgon2Memory(p.Memory)
	return subtle.ConstantTimeCompare(got, want) == 1
}

// releaseArgon2Memory hands argon2's work area (DefaultArgon2: 64 MiB, garbage once the key is
// derived) back at once. Left to the collector, it would double the heap goal: a command that
// signs in and then prints a 名册 would peak at 64 MiB more than it needs, and the window would
// keep that memory for as long as it stays open. A small work area (FastArgon2 in tests) is not
// worth a forced collection.
func releaseArgon2Memory(kib uint32) {
	if kib >= 8*1024 {
		debug.FreeOSMemory()
	}
}
