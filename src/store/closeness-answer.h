/* closeness-answer.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-record.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_ANSWER (closeness_answer_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessAnswer, closeness_answer, CLOSENESS, ANSWER, ClosenessRecord)

int          closeness_answer_get_slot (ClosenessAnswer *self);
const char * closeness_answer_get_text (ClosenessAnswer *self);

G_END_DECLS
