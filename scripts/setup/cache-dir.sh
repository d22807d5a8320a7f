# Where built tools, downloads and runtime data live: outside the clone, kept between runs.
TRIP_CACHE=${TRIP_CACHE:-$HOME/.cache/trip-service}
export TRIP_CACHE
mkdir -p "$TRIP_CACHE"
