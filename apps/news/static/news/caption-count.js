/*
 * Live character count under each caption of the news editor's "Media sosial" tab.
 *
 * The same rules as apps/news/captions.py, which decides on save: X counts "weighted"
 * characters (280 at most; most Latin text weighs 1, CJK and emoji 2, an emoji sequence 2 in
 * all, every URL 23), the other networks count characters. The count is of what the network
 * will receive: the caption, plus the item's link (the parent's address and the slug being
 * typed) and the hashtags when the caption lacks them.
 * Keep the two in step when either changes; the server's check is the one that counts.
 */
(function () {
  'use strict';

  var X_URL_LENGTH = 23;
  var X_LIGHT_RANGES = [[0, 4351], [8192, 8205], [8208, 8223], [8242, 8247]];
  var URL_RE = /https?:\/\/[^\s]+|\bwww\.[^\s]+|\b(?:[a-z0-9-]+\.)+(?:go\.id|co\.id|ac\.id|or\.id|id|com|org|net|info|io)\b(?:\/[^\s]*)?/gi;
  var EMOJI_BASE = '[\\u2600-\\u27bf\\u2b00-\\u2bff\\u{1f000}-\\u{1faff}]';
  var EMOJI_MOD = '(?:\\ufe0f|[\\u{1f3fb}-\\u{1f3ff}])*';
  var EMOJI_RE = new RegExp(
    '[\\u{1f1e6}-\\u{1f1ff}]{2}|[#*0-9]\\ufe0f?\\u20e3|' +
      EMOJI_BASE + EMOJI_MOD + '(?:\\u200d' + EMOJI_BASE + EMOJI_MOD + ')*',
    'gu'
  );
  // Facebook's limit is far beyond any caption: no count against it is shown.
  var NO_PRACTICAL_LIMIT = 60000;

  function charWeight(char) {
    var point = char.codePointAt(0);
    for (var i = 0; i < X_LIGHT_RANGES.length; i++) {
      if (point >= X_LIGHT_RANGES[i][0] && point <= X_LIGHT_RANGES[i][1]) return 1;
    }
    return 2;
  }

  function plainWeight(text) {
    var length = 0;
    var position = 0;
    var match;
    EMOJI_RE.lastIndex = 0;
    while ((match = EMOJI_RE.exec(text)) !== null) {
      for (var char of text.slice(position, match.index)) length += charWeight(char);
      length += 2;
      position = match.index + match[0].length;
    }
    for (var rest of text.slice(position)) length += charWeight(rest);
    return length;
  }

  function xWeightedLength(text) {
    text = text.normalize('NFC');
    var length = 0;
    var position = 0;
    var match;
    URL_RE.lastIndex = 0;
    while ((match = URL_RE.exec(text)) !== null) {
      length += plainWeight(text.slice(position, match.index)) + X_URL_LENGTH;
      position = match.index + match[0].length;
    }
    return length + plainWeight(text.slice(position));
  }

  function normaliseHashtags(value) {
    var tags = [];
    (value || '').split(/[,\s]+(?=#)|,/).forEach(function (part) {
      var word = part.trim().replace(/^#+/, '').replace(/[^\p{L}\p{N}_]/gu, '');
      if (word && tags.indexOf('#' + word) === -1) tags.push('#' + word);
    });
    return tags.join(' ');
  }

  function compose(network, custom, link, hashtags) {
    var tags = normaliseHashtags(hashtags);
    var parts = [custom.trim()];
    if (network !== 'instagram' && link && custom.indexOf(link) === -1) parts.push(link);
    if (tags && !tags.split(' ').every(function (tag) { return custom.indexOf(tag) !== -1; })) {
      parts.push(tags);
    }
    return parts.join(network === 'x' ? ' ' : '\n\n');
  }

  // The post carries the social image, or else the hero image.
  var IMAGE_INPUTS = 'input[name="social_image"], input[name="hero_image"]';

  function hasImage() {
    return Array.from(document.querySelectorAll(IMAGE_INPUTS)).some(function (input) {
      return Boolean(input.value);
    });
  }

  function link(field) {
    var slug = document.querySelector('input[name="slug"]');
    var base = field.dataset.captionLinkBase || '';
    return base && slug && slug.value ? base + slug.value + '/' : base;
  }

  function message(output, name, values) {
    return (output.dataset[name] || '').replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function update(field, output, hashtagsField) {
    var network = field.dataset.captionCount;
    if (!field.value.trim()) {
      output.textContent = message(output, 'msgAuto', {});
      output.classList.remove('social-caption-count--over');
      output.style.color = '';
      return;
    }
    var text = compose(network, field.value, link(field), hashtagsField ? hashtagsField.value : '');
    var length = network === 'x' ? xWeightedLength(text) : Array.from(text).length;
    var limit = Number(hasImage() ? field.dataset.captionPhotoLimit : field.dataset.captionLimit);
    var over = length > limit;
    var values = { length: length, limit: limit, excess: length - limit };
    if (limit >= NO_PRACTICAL_LIMIT) {
      output.textContent = message(output, 'msgUnlimited', values);
    } else {
      output.textContent = message(output, network === 'x' ? 'msgWeighted' : 'msgCount', values) +
        (over ? ' ' + message(output, 'msgOver', values) : '');
    }
    output.classList.toggle('social-caption-count--over', over);
    output.style.color = over ? 'var(--w-color-critical-200, #cd4444)' : '';
  }

  function init() {
    var hashtagsField = document.querySelector('[data-caption-hashtags]');
    var others = Array.from(document.querySelectorAll(IMAGE_INPUTS + ', input[name="slug"]'));
    if (hashtagsField) others.push(hashtagsField);
    document.querySelectorAll('textarea[data-caption-count]').forEach(function (field) {
      var output = document.querySelector('[data-caption-count-for="' + field.id + '"]');
      if (!output) return;
      var refresh = function () { update(field, output, hashtagsField); };
      field.addEventListener('input', refresh);
      others.forEach(function (other) {
        other.addEventListener('input', refresh);
        other.addEventListener('change', refresh);
      });
      refresh();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
