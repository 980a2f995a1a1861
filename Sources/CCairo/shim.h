#ifndef DOSSIER_CCAIRO_SHIM_H
#define DOSSIER_CCAIRO_SHIM_H
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
#include <cairo/cairo-ft.h>
#include <fontconfig/fontconfig.h>
#endif
