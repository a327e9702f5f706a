/* mlu.h: the device header MLU270-era BANG C includes (`#include "mlu.h"`).
 * Under mopc's simulator it is the simulator's device header; see mopcsim/device.h. */
#pragma once
#include "mopcsim/device.h"
