"""The similarity heatmaps, drawn with matplotlib without pyplot (no global state, no window)."""

from __future__ import annotations

import functools
import io
import sys
import warnings

from matplotlib import font_manager, ft2font, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

CJK_FONT = "WenQuanYi Micro Hei"  # Debian fonts-wqy-microhei


@functools.cache
def cjk_font() -> str | None:
    """A font family that shows Chinese: WenQuanYi Micro Hei, else any installed font with CJK glyphs.

    Warns once per process when there is none; the heatmap is then drawn without Chinese glyphs.
    """
    fonts = sorted(font_manager.fontManager.ttflist, key=lambda f: (f.name != CJK_FONT, f.name, f.fname))
    for font in fonts:
        try:
            if font.name == CJK_FONT or ord("湖") in ft2font.FT2Font(font.fname).get_charmap():
                return font.name
        except (OSError, RuntimeError):
            continue
    print("warning: no CJK font found; Chinese labels in the heatmap will not show (install fonts-wqy-microhei)",
          file=sys.stderr)
    return None


def similarity_figure(sim: dict[str, list], names: list[str]) -> Figure:
    """Jaccard and cosine heatmaps side by side: a pyplot-free Figure, for the report and notebooks."""
    fig = Figure(figsize=(4.2 * 2 + 1, 4.6), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    for ax, key, title in zip(fig.subplots(1, 2), ("jaccard", "cosine"), ("Jaccard", "cosine (TF-IDF)")):
        image = ax.imshow(sim[key], vmin=0, vmax=1, cmap="viridis")
        ax.set_title(title)
        ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
        ax.set_yticks(range(len(names)), names)
        for i, row in enumerate(sim[key]):
            for j, value in enumerate(row):
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", color="white" if value < 0.6 else "black")
    fig.colorbar(image, ax=fig.axes, shrink=0.8)
    return fig


def heatmap_png(sim: dict[str, list], names: list[str]) -> bytes:
    """The similarity heatmaps as PNG bytes, drawn with a font that shows the plans' Chinese names."""
    font = cjk_font()
    families = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    buf = io.BytesIO()
    with rc_context({"font.sans-serif": families, "font.family": "sans-serif"}), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing")
        fig = similarity_figure(sim, names)
        fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
