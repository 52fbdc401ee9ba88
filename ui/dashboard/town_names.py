"""Which of a town's two names to show: the Chinese one or the English one, following the UI language.

The choice is itself a translation, like Qt's QT_LAYOUT_DIRECTION: the source text "name_en" is
translated to "name" in Chinese. So a console switched to Chinese shows 龙华镇 even on an English
system, and an English console shows "Longhua Town". A Chinese system locale without translations
also picks the Chinese name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def chinese_names() -> bool:
    # Translators: keep "name_en" for languages that read the English town names; "name" for Chinese.
    field = QCoreApplication.translate("TownNames", "name_en")
    return field == "name" or (field == "name_en" and QLocale().language() == QLocale.Language.Chinese)


def pick(chinese: str, english: str) -> str:
    return chinese if chinese_names() else english
