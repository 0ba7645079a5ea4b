#ifndef TOWNSYNC_CZEROMQ_SHIM_H
#define TOWNSYNC_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
