"""Caption lengths as each network counts them, and the messages an editor reads."""

import pytest

from apps.news.captions import compose, validate_caption, x_weighted_length

LINK = "https://bekasikota.go.id/berita/sebuah-judul-yang-panjang-sekali-untuk-diuji/"


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("Bekasi", 6),
        (LINK, 23),  # any URL counts 23
        ("lihat bekasikota.go.id/berita", 6 + 23),  # bare domains are links too
        ("東京", 4),  # CJK weighs 2
        ("😀", 2),
        ("👍🏽", 2),  # with a skin tone: one emoji
        ("👨‍👩‍👧", 2),  # a ZWJ family: one emoji
        ("🇮🇩", 2),  # a flag: two regional indicators, one emoji
        ("café", 4),  # é composed or not, after NFC
        ("cafe\u0301", 4),
        ("“kutipan” – ok", 14),  # general punctuation weighs 1
    ],
)
def test_x_weighted_length(text, length):
    assert x_weighted_length(text) == length


def test_x_limit_is_280_weighted():
    assert validate_caption("x", "a" * 280) == []
    assert validate_caption("x", "a" * 256 + " " + LINK) == []
    (message,) = validate_caption("x", "東" * 141)
    assert message.startswith("Teks untuk X terlalu panjang: 282 dari 280 karakter")


def test_telegram_caption_limit_depends_on_the_image():
    assert validate_caption("telegram", "a" * 2000) == []
    (message,) = validate_caption("telegram", "a" * 2000, with_image=True)
    assert message == "Teks untuk Telegram terlalu panjang: 2000 dari 1024 karakter."


def test_instagram_hashtag_limit():
    tags = " ".join(f"#tag{n}" for n in range(31))
    assert validate_caption("instagram", tags, with_image=True) == [
        "Instagram menerima paling banyak 30 tagar."
    ]


def test_instagram_needs_an_image():
    assert validate_caption("instagram", "Foto kegiatan", with_image=True) == []
    assert validate_caption("instagram", "Foto kegiatan") == [
        "Instagram memerlukan gambar; berita ini tidak punya gambar."
    ]


def test_a_composed_x_caption_is_shortened_to_fit():
    text = compose("x", title="Judul " * 80, summary="", link=LINK, hashtags="#Bekasi")
    assert x_weighted_length(text) <= 280
    assert text.endswith(f"… {LINK} #Bekasi")


def test_an_editor_caption_is_kept_as_written_with_link_and_hashtags_added():
    text = compose(
        "facebook",
        title="T",
        summary="S",
        link=LINK,
        custom="Tulisan editor",
        hashtags="bekasi, #Kota",
    )
    assert text == f"Tulisan editor\n\n{LINK}\n\n#bekasi #Kota"
