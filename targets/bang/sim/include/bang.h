/* bang.h: the device header newer BANG C includes (`#include <bang.h>`); it pulls in
 * mlu.h, as Cambricon's does (bang-c.md 5.3). */
#pragma once
#ifndef BANG_VERSION
#define BANG_VERSION 300
#endif
#include "mlu.h"
