#version 330 core
// Filter atlas (DESIGN §10): every hidden unit's incoming weights as one tile. The weights are one
// R32F texture without spacing (tile i at column i % columns, row i / columns); the spacing, the
// per-filter normalisation (u_scales: max |w| per tile), the contrast, the colormap and the view
// transform are applied here, so none of them needs a re-upload. Layout and colours match
// figures/filter_grid.cpp and figures/colormap.cpp (the CPU export path).
uniform sampler2D u_atlas;   // columns·tileW × rows·tileH weights
uniform sampler2D u_scales;  // normaliser of tile i at (i % 1024, i / 1024); never 0
uniform ivec2 u_tileSize;
uniform int u_columns;
uniform int u_tiles;
uniform int u_spacing;
uniform float u_contrast;
uniform vec2 u_offset;       // device pixels of the grid origin from the top-left of the view
uniform float u_zoom;        // device pixels per grid pixel
uniform float u_viewHeight;  // device pixels
uniform vec3 u_background;
uniform vec3 u_viewBackground;
uniform int u_highlight;     // tile under the mouse, or −1
uniform int u_colormap;      // 0 diverging (RdBu), 1 grey (−1 black … 1 white)

out vec4 fragColor;

vec3 diverging(float t) {
  // ColorBrewer RdBu stops at t = −1, −½, 0, ½, 1 (same values as figures/colormap.cpp).
  const vec3 s0 = vec3(0.019608, 0.188235, 0.380392);
  const vec3 s1 = vec3(0.262745, 0.576471, 0.764706);
  const vec3 s2 = vec3(0.968627, 0.968627, 0.968627);
  const vec3 s3 = vec3(0.839216, 0.376471, 0.301961);
  const vec3 s4 = vec3(0.403922, 0.000000, 0.121569);
  if (isnan(t) || isinf(t)) t = 0.0;
  float x = (clamp(t, -1.0, 1.0) + 1.0) * 2.0;
  int i = min(int(x), 3);
  float f = x - float(i);
  if (i == 0) return mix(s0, s1, f);
  if (i == 1) return mix(s1, s2, f);
  if (i == 2) return mix(s2, s3, f);
  return mix(s3, s4, f);
}

void main() {
  vec2 screen = vec2(gl_FragCoord.x, u_viewHeight - gl_FragCoord.y);
  vec2 grid = (screen - u_offset) / u_zoom;
  int rows = (u_tiles + u_columns - 1) / u_columns;
  ivec2 pitch = u_tileSize + ivec2(u_spacing);
  ivec2 gridSize = ivec2(u_columns, rows) * pitch + ivec2(u_spacing);
  if (grid.x < 0.0 || grid.y < 0.0 || grid.x >= float(gridSize.x) || grid.y >= float(gridSize.y)) {
    fragColor = vec4(u_viewBackground, 1.0);
    return;
  }
  ivec2 p = ivec2(floor(grid));
  // Highlight ring in the spacing around the hovered tile.
  if (u_highlight >= 0) {
    ivec2 cell = ivec2(u_highlight % u_columns, u_highlight / u_columns);
    ivec2 lo = cell * pitch + ivec2(u_spacing);
    ivec2 hi = lo + u_tileSize;
    bool inRing = all(greaterThanEqual(p, lo - ivec2(u_spacing))) && all(lessThan(p, hi + ivec2(u_spacing))) &&
                  !(all(greaterThanEqual(p, lo)) && all(lessThan(p, hi)));
    if (inRing) {
      fragColor = vec4(1.0, 0.8, 0.1, 1.0);
      return;
    }
  }
  ivec2 q = p - ivec2(u_spacing);
  if (q.x < 0 || q.y < 0) {
    fragColor = vec4(u_background, 1.0);
    return;
  }
  ivec2 cell = q / pitch;
  ivec2 within = q - cell * pitch;
  int tile = cell.y * u_columns + cell.x;
  if (within.x >= u_tileSize.x || within.y >= u_tileSize.y || cell.x >= u_columns || tile >= u_tiles) {
    fragColor = vec4(u_background, 1.0);
    return;
  }
  float w = texelFetch(u_atlas, cell * u_tileSize + within, 0).r;
  float s = texelFetch(u_scales, ivec2(tile % 1024, tile / 1024), 0).r;
  float t = w / s * u_contrast;
  if (u_colormap == 1) {
    if (isnan(t) || isinf(t)) t = 0.0;
    fragColor = vec4(vec3((clamp(t, -1.0, 1.0) + 1.0) * 0.5), 1.0);
  } else {
    fragColor = vec4(diverging(t), 1.0);
  }
}
