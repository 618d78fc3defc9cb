"""简体中文（Simplified Chinese）的练习提示信息。"""
