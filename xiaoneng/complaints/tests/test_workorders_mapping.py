import tempfile
from pathlib import Path

from django.test import SimpleTestCase

from xiaoneng.complaints.workorder_mapping import MappingError, load_mapping


class MappingTests(SimpleTestCase):
    def custom(self, text: str):
        path = Path(tempfile.mkdtemp()) / "mapping.toml"
        path.write_text(text, encoding="utf-8")
        return load_mapping(path)

    def test_default_columns(self):
        mapping = load_mapping()
        self.assertEqual(mapping.columns["external_ref"][0], "工单编号")
        self.assertEqual(mapping.columns["unit"][:2], ["承办单位", "转办单位"])

    def test_default_kind_values(self):
        values = load_mapping().values["kind"]
        self.assertEqual(values["咨询"], "enquiry")
        self.assertEqual({values[k] for k in ("投诉", "求助", "建议", "举报")}, {"complaint"})

    def test_custom_columns_replace_the_default_ones(self):
        self.assertEqual(self.custom('[columns]\nphone = "手机"\n').columns["phone"], ["手机"])

    def test_custom_values_extend_the_default_map(self):
        values = self.custom('[values.kind]\n"意见" = "complaint"\n').values["kind"]
        self.assertEqual((values["意见"], values["咨询"]), ("complaint", "enquiry"))

    def test_custom_defaults(self):
        self.assertEqual(self.custom('[defaults]\nscope = "approval"\n').defaults["scope"], "approval")

    def test_unknown_target_value_is_refused(self):
        with self.assertRaisesMessage(MappingError, "[values.kind]"):
            self.custom('[values.kind]\n"意见" = "praise"\n')

    def test_unknown_category_is_refused(self):
        with self.assertRaisesMessage(MappingError, "not a category"):
            self.custom('[category_keywords]\nrude = ["骂"]\n')

    def test_bad_default_is_refused(self):
        with self.assertRaisesMessage(MappingError, "[defaults]"):
            self.custom('[defaults]\nkind = "praise"\n')

    def test_invalid_toml_is_refused(self):
        with self.assertRaisesMessage(MappingError, "not valid TOML"):
            self.custom("[columns\n")

    def test_required_column_cannot_be_emptied(self):
        with self.assertRaisesMessage(MappingError, "content"):
            self.custom("[columns]\ncontent = []\n")

    def test_keyword_category_first_match_wins(self):
        mapping = load_mapping()
        self.assertEqual(mapping.category_of("乱收费还态度恶劣"), "fees")
        self.assertEqual(mapping.category_of("窗口推诿"), "inaction")
        self.assertEqual(mapping.category_of("天气不好"), "other")

    def test_content_bytes(self):
        mapping = load_mapping(content='[columns]\nname = "姓名"\n'.encode())
        self.assertEqual(mapping.columns["name"], ["姓名"])
