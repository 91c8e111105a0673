#pragma once

#include "sql/SqlCondition.h"

#include <QList>
#include <QVariant>

#include "models/browse/WindowKeys.h"

// The SQL of a window read (internal to WindowReader): which statements find a window's keys,
// as text with bound values. Kept apart from the reading so that a test can EXPLAIN exactly
// what the product runs (WindowReader::statements()).
namespace WindowStatements {

// The rows with a sort value and those without (NULL) are read as two ranges; NULLs count as
// the largest values, so going up they come last and going down first.
enum class Segment
{
    Values,
    Nulls,
};

QList<Segment> segmentsInOrder(const WindowRequest& request);
Segment segmentOf(const WindowRequest& request, const RowKey& key);

// Whether the values are read group by group (a related table's unique column, see
// WindowRequest::groupKey): the segment's statement then yields whole groups in order, not
// the rows within one, and its last group may be cut short.
bool walksGroups(const WindowRequest& request, Segment segment);

// Up to `wanted` rows of `segment` after the anchor (fromAnchor) or from its start. Selects
// the key columns, then the exact sort value (if any), then the group key (walksGroups).
SqlCondition segment(const WindowRequest& request, Segment segment, bool fromAnchor, int wanted);

// Up to `wanted` rows of one group (groupKey = `group`) in key order: after the anchor's key
// when `afterAnchor` (the group is the anchor's), else from the group's start. Selects the key
// columns.
SqlCondition group(const WindowRequest& request, const QVariant& group, bool afterAnchor,
                   int wanted);

// Whether `segment` is probed first (WindowRequest::probeRows, a condition that scans rows,
// not a walk by groups).
bool probes(const WindowRequest& request, Segment segment);
// The row request.probeRows rows into `segment` after the anchor (fromAnchor) or from its
// start, the condition left out: where the probe ends. Selects the key columns, then the exact
// sort value (if any).
SqlCondition probeEnd(const WindowRequest& request, Segment segment, bool fromAnchor);
// Up to `wanted` rows of `segment` matching the condition, after the anchor (fromAnchor) or
// from its start, up to and including row `end`. Selects as probeEnd() does.
SqlCondition probe(const WindowRequest& request, Segment segment, bool fromAnchor,
                   const RowKey& end, int wanted);

// COUNT(*) of the rows of `segment` after the anchor (fromAnchor) or in all of it.
SqlCondition count(const WindowRequest& request, Segment segment, bool fromAnchor);

} // namespace WindowStatements
