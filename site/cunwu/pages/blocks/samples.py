"""Stand-ins for the block picker's previews where a block shows things only the town's library holds (pictures,
files, the town's own pages): the templates show them when `preview_sample` is set, which only a preview sets."""

SAMPLE_DOCUMENTS = [("村规民约", "PDF"), ("2026年低保对象公示名单", "XLSX"), ("宅基地申请表", "DOCX")]


class SamplePreview:
    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        return {**context, "preview_sample": True, "sample_documents": SAMPLE_DOCUMENTS}
