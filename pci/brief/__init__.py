"""Briefings for steering-committee meetings: one deck, shown on screen and exported.

``deck.build_deck`` gathers the figures of one province and edition into a list of slides
(each with its title, one message, a chart or a table, its sources, year, methodology period
and notes). The same deck is presented by ``pages/trinh_chieu.py`` and written by
``pptx.render`` (PowerPoint) and ``pdf.render`` (A4 landscape report).
"""
