"""The one place curves are drawn: in a terminal with plotext (the command line's curve,
the app's plot, the map's stage curves) and as SVG for the HTML report and map
(:mod:`cjtui.analysis.drawing.svg`). The curve's data (which points, which lines, their values) is
:mod:`cjtui.analysis.curve`'s; here it only gets its marks, colours, labels and room.
"""
