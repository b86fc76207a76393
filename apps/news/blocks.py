from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("gambar"))
    caption = blocks.CharBlock(label=_("keterangan"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Gambar")
        template = "blocks/captioned_image_block.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("judul galeri"), required=False, max_length=120)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("gambar"), min_num=2)

    class Meta:
        icon = "image"
        label = _("Galeri")
        template = "blocks/gallery_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("tautan video"), help_text=_("YouTube, Vimeo, dsb."))
    caption = blocks.CharBlock(label=_("keterangan"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokumen"))
    title = blocks.CharBlock(
        label=_("judul tampilan"),
        required=False,
        help_text=_("Kosongkan untuk memakai judul dokumen"),
    )

    class Meta:
        icon = "doc-full"
        label = _("Lampiran dokumen")
        template = "blocks/document_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("kutipan"))
    attribution = blocks.CharBlock(label=_("sumber kutipan"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Kutipan")
        template = "blocks/quote_block.html"


class NewsBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraf"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        template="blocks/paragraph_block.html",
    )
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
