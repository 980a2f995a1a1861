#ifndef DOSSIER_CQPDF_SHIM_H
#define DOSSIER_CQPDF_SHIM_H
#include <qpdf/qpdf-c.h>
#endif
