"""Every product type of the relevance catalog, by key, in a fixed order (the seed depends on it)."""
import types_building
import types_home
import types_outdoor
import types_plumbing_electrical
import types_tools

ALL_TYPES = (types_building.TYPES + types_plumbing_electrical.TYPES + types_tools.TYPES + types_home.TYPES
             + types_outdoor.TYPES)
BY_KEY = {product_type.key: product_type for product_type in ALL_TYPES}
if len(BY_KEY) != len(ALL_TYPES):
    raise SystemExit("type_table: two product types share a key")
