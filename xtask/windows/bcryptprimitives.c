/* A stand-in for Windows' bcryptprimitives.dll, for running Regulars' Windows builds under
 * Wine 8 only. Rust's standard library asks that DLL for ProcessPrng, which Wine 8 lacks; this
 * one answers with the system's preferred random generator through bcrypt, as Windows' own does.
 * Never shipped: a real Windows has the DLL. Built by `cargo xtask test --windows`. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
