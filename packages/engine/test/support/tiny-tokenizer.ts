/**
 * A BERT WordPiece tokenizer over a handful of words, in the two files a Hugging Face export
 * ships: lower-casing, splitting on whitespace and punctuation, `##` continuations, unknown words
 * as [UNK], every sequence wrapped in [CLS] … [SEP] and padded with [PAD].
 */

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Token ids are positions in this list. */
export const TINY_VOCABULARY: readonly string[] = [
  ...SPECIAL_TOKENS,
  ...['the', 'cat', 'dog', 'sat', 'ran', 'on', 'mat', '##s', 'fix', 'migration', 'test', 'cake'],
];

const idOf = (token: string): number => TINY_VOCABULARY.indexOf(token);

/** `tokenizer.json`: the tokenizer pipeline in the `tokenizers` library's serialised form. */
export function tinyTokenizerJson(): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: idOf(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', sep: ['[SEP]', idOf('[SEP]')], cls: ['[CLS]', idOf('[CLS]')] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(TINY_VOCABULARY.map((token, id) => [token, id])),
    },
  };
}

/** `tokenizer_config.json`: which class reads the tokenizer and which tokens are special. */
export function tinyTokenizerConfig(): object {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: 32,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  };
}
