#ifndef DOSSIER_LIBFUZZER_H
#define DOSSIER_LIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's driver (compiler-rt, linked by -sanitize=fuzzer). SwiftPM gives each executable target a
   main of its own, so the fuzzers call the driver from their main.swift instead of using libFuzzer's main. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
