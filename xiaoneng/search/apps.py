from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "xiaoneng.search"
    label = "search"

    def ready(self) -> None:
        from xiaoneng.search.hooks import on_matter_text_changed
        from xiaoneng.search.index import index_matter

        on_matter_text_changed(index_matter)
