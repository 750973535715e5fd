package data

// synchronous is SQLite's synchronous setting for every connection DSN opens: FULL, so that a
// commit that returned survives a power cut; OFF once a test binary asked for fast storage.
var synchronous = "FULL"

// UseUnsyncedStorageForTests makes every database the process opens skip fsync
// (synchronous=OFF). A killed process still loses nothing it committed — the operating system
// keeps the written pages — so the crash tests keep their meaning; only a power cut could lose
// commits. Call it only from a test binary's TestMain, before any test runs; a program must
// never call it.
func UseUnsyncedStorageForTests() { synchronous = "OFF" }
