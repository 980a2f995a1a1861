#ifndef DOSSIER_CPANGO_SHIM_H
#define DOSSIER_CPANGO_SHIM_H
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>
#include <fontconfig/fontconfig.h>
#endif
