package data

// passwordParams are the argon2id parameters new password hashes get: DefaultArgon2, or cheap
// ones once a test binary asked for them. Verification always reads the parameters stored with
// the hash, so both kinds of hash keep working.
var passwordParams = DefaultArgon2

// FastArgon2 are deliberately weak parameters for tests: a hash costs well under a millisecond.
var FastArgon2 = Argon2Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32}

// UseFastPasswordHashingForTests makes every new password hash use FastArgon2. Call it only from
// a test binary's TestMain, before any test runs; a program must never call it.
// It makes new encrypted backups cheap to derive too (scrypt's work factor 10 instead of 18).
func UseFastPasswordHashingForTests() { passwordParams, backupWorkFactor = FastArgon2, 10 }
