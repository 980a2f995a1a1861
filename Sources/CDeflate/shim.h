#ifndef DOSSIER_CDEFLATE_SHIM_H
#define DOSSIER_CDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
