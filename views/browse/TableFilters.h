#pragma once

#include "views/browse/FilterBar.h"

// The filter bar of each table: what a person looking for a row there would search by.
namespace TableFilters {

FilterSpec users();
FilterSpec posts();
FilterSpec tags();
FilterSpec comments();

} // namespace TableFilters
