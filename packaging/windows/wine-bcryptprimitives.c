/*
 * A stand-in bcryptprimitives.dll for testing linli.exe under Wine 8.0 (Debian 12), which lacks
 * that DLL. Every Windows that Go supports (10 and later) has it: Go's runtime loads it at start
 * for ProcessPrng, its source of random bytes, and stops when it is missing. .ci/dist builds this
 * into the test's Wine prefix only when the prefix has no bcryptprimitives.dll of its own; it is
 * never part of the installer.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll wine-bcryptprimitives.c -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
