/// The fold of every non-ASCII letter or digit whose fold is not itself, each ended by `;`: the
/// scalar in hexadecimal, a space, its folded UTF-8 (lower-cased, diacritics removed, only the
/// letters and digits of the result kept). Made once with Foundation's
/// `folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)` on each scalar
/// alone; `ScalarFoldTableTests` compares every scalar with Foundation and prints the lines of
/// a new table when they differ. Kept as text so that the tokenizer needs no Foundation (and
/// the `missive` binary neither links nor starts it).
enum ScalarFoldTable {
    /// The folds, sorted by scalar: `scalars[i]` folds to `folds[i]`.
    static let entries: (scalars: [UInt32], folds: [[UInt8]]) = {
        var scalars: [UInt32] = [], folds: [[UInt8]] = []
        for line in text.utf8.split(whereSeparator: { $0 == 0x0A || $0 == 0x3B }) {
            guard let space = line.firstIndex(of: 0x20),
                  let scalar = UInt32(String(decoding: line[..<space], as: UTF8.self), radix: 16) else { continue }
            scalars.append(scalar)
            folds.append(Array(line[line.index(after: space)...]))
        }
        return (scalars, folds)
    }()

    /// The folded bytes of `scalar`, nil when it folds to itself.
    static func fold(_ scalar: UInt32) -> [UInt8]? {
        let scalars = entries.scalars
        var low = 0, high = scalars.count
        while low < high {
            let middle = (low + high) / 2
            if scalars[middle] < scalar { low = middle + 1 } else { high = middle }
        }
        return low < scalars.count && scalars[low] == scalar ? entries.folds[low] : nil
    }

    static let text = """
b5 μ;c0 a;c1 a;c2 a;c3 a;c4 a;c5 a;c6 æ;c7 c;c8 e;c9 e;ca e;cb e;cc i;cd i;ce i;cf i;d0 ð;
d1 n;d2 o;d3 o;d4 o;d5 o;d6 o;d8 ø;d9 u;da u;db u;dc u;dd y;de þ;df ss;e0 a;e1 a;e2 a;e3 a;
e4 a;e5 a;e7 c;e8 e;e9 e;ea e;eb e;ec i;ed i;ee i;ef i;f1 n;f2 o;f3 o;f4 o;f5 o;f6 o;f9 u;fa u;
fb u;fc u;fd y;ff y;100 a;101 a;102 a;103 a;104 a;105 a;106 c;107 c;108 c;109 c;10a c;10b c;
10c c;10d c;10e d;10f d;110 đ;112 e;113 e;114 e;115 e;116 e;117 e;118 e;119 e;11a e;11b e;
11c g;11d g;11e g;11f g;120 g;121 g;122 g;123 g;124 h;125 h;126 ħ;128 i;129 i;12a i;12b i;
12c i;12d i;12e i;12f i;130 i;132 ĳ;134 j;135 j;136 k;137 k;139 l;13a l;13b l;13c l;13d l;
13e l;13f ŀ;141 ł;143 n;144 n;145 n;146 n;147 n;148 n;149 ʼn;14a ŋ;14c o;14d o;14e o;14f o;
150 o;151 o;152 œ;154 r;155 r;156 r;157 r;158 r;159 r;15a s;15b s;15c s;15d s;15e s;15f s;
160 s;161 s;162 t;163 t;164 t;165 t;166 ŧ;168 u;169 u;16a u;16b u;16c u;16d u;16e u;16f u;
170 u;171 u;172 u;173 u;174 w;175 w;176 y;177 y;178 y;179 z;17a z;17b z;17c z;17d z;17e z;17f s;
181 ɓ;182 ƃ;184 ƅ;186 ɔ;187 ƈ;189 ɖ;18a ɗ;18b ƌ;18e ǝ;18f ə;190 ɛ;191 ƒ;193 ɠ;
194 ɣ;196 ɩ;197 ɨ;198 ƙ;19c ɯ;19d ɲ;19f ɵ;1a0 o;1a1 o;1a2 ƣ;1a4 ƥ;1a6 ʀ;1a7 ƨ;1a9 ʃ;
1ac ƭ;1ae ʈ;1af u;1b0 u;1b1 ʊ;1b2 ʋ;1b3 ƴ;1b5 ƶ;1b7 ʒ;1b8 ƹ;1bc ƽ;1c4 ǆ;1c5 ǆ;1c7 ǉ;
1c8 ǉ;1ca ǌ;1cb ǌ;1cd a;1ce a;1cf i;1d0 i;1d1 o;1d2 o;1d3 u;1d4 u;1d5 u;1d6 u;1d7 u;1d8 u;
1d9 u;1da u;1db u;1dc u;1de a;1df a;1e0 a;1e1 a;1e2 æ;1e3 æ;1e4 ǥ;1e6 g;1e7 g;1e8 k;1e9 k;
1ea o;1eb o;1ec o;1ed o;1ee ʒ;1ef ʒ;1f0 j;1f1 ǳ;1f2 ǳ;1f4 g;1f5 g;1f6 ƕ;1f7 ƿ;1f8 n;1f9 n;
1fa a;1fb a;1fc æ;1fd æ;1fe ø;1ff ø;200 a;201 a;202 a;203 a;204 e;205 e;206 e;207 e;208 i;
209 i;20a i;20b i;20c o;20d o;20e o;20f o;210 r;211 r;212 r;213 r;214 u;215 u;216 u;217 u;218 s;
219 s;21a t;21b t;21c ȝ;21e h;21f h;220 ƞ;222 ȣ;224 ȥ;226 a;227 a;228 e;229 e;22a o;22b o;
22c o;22d o;22e o;22f o;230 o;231 o;232 y;233 y;23a ⱥ;23b ȼ;23d ƚ;23e ⱦ;241 ɂ;243 ƀ;
244 ʉ;245 ʌ;246 ɇ;248 ɉ;24a ɋ;24c ɍ;24e ɏ;370 ͱ;372 ͳ;374 ʹ;376 ͷ;37f ϳ;386 α;
388 ε;389 η;38a ι;38c ο;38e υ;38f ω;390 ι;391 α;392 β;393 γ;394 δ;395 ε;396 ζ;
397 η;398 θ;399 ι;39a κ;39b λ;39c μ;39d ν;39e ξ;39f ο;3a0 π;3a1 ρ;3a3 σ;3a4 τ;
3a5 υ;3a6 φ;3a7 χ;3a8 ψ;3a9 ω;3aa ι;3ab υ;3ac α;3ad ε;3ae η;3af ι;3b0 υ;3c2 σ;
3ca ι;3cb υ;3cc ο;3cd υ;3ce ω;3cf ϗ;3d0 β;3d1 θ;3d3 ϒ;3d4 ϒ;3d5 φ;3d6 π;3d8 ϙ;
3da ϛ;3dc ϝ;3de ϟ;3e0 ϡ;3e2 ϣ;3e4 ϥ;3e6 ϧ;3e8 ϩ;3ea ϫ;3ec ϭ;3ee ϯ;3f0 κ;3f1 ρ;
3f4 θ;3f5 ε;3f7 ϸ;3f9 ϲ;3fa ϻ;3fd ͻ;3fe ͼ;3ff ͽ;400 е;401 е;402 ђ;403 г;404 є;
405 ѕ;406 і;407 і;408 ј;409 љ;40a њ;40b ћ;40c к;40d и;40e у;40f џ;410 а;411 б;
412 в;413 г;414 д;415 е;416 ж;417 з;418 и;419 и;41a к;41b л;41c м;41d н;41e о;
41f п;420 р;421 с;422 т;423 у;424 ф;425 х;426 ц;427 ч;428 ш;429 щ;42a ъ;42b ы;
42c ь;42d э;42e ю;42f я;439 и;450 е;451 е;453 г;457 і;45c к;45d и;45e у;460 ѡ;
462 ѣ;464 ѥ;466 ѧ;468 ѩ;46a ѫ;46c ѭ;46e ѯ;470 ѱ;472 ѳ;474 ѵ;476 ѵ;477 ѵ;478 ѹ;
47a ѻ;47c ѽ;47e ѿ;480 ҁ;48a ҋ;48c ҍ;48e ҏ;490 ґ;492 ғ;494 ҕ;496 җ;498 ҙ;49a қ;
49c ҝ;49e ҟ;4a0 ҡ;4a2 ң;4a4 ҥ;4a6 ҧ;4a8 ҩ;4aa ҫ;4ac ҭ;4ae ү;4b0 ұ;4b2 ҳ;4b4 ҵ;
4b6 ҷ;4b8 ҹ;4ba һ;4bc ҽ;4be ҿ;4c0 ӏ;4c1 ж;4c2 ж;4c3 ӄ;4c5 ӆ;4c7 ӈ;4c9 ӊ;4cb ӌ;
4cd ӎ;4d0 а;4d1 а;4d2 а;4d3 а;4d4 ӕ;4d6 е;4d7 е;4d8 ә;4da ә;4db ә;4dc ж;4dd ж;
4de з;4df з;4e0 ӡ;4e2 и;4e3 и;4e4 и;4e5 и;4e6 о;4e7 о;4e8 ө;4ea ө;4eb ө;4ec э;
4ed э;4ee у;4ef у;4f0 у;4f1 у;4f2 у;4f3 у;4f4 ч;4f5 ч;4f6 ӷ;4f8 ы;4f9 ы;4fa ӻ;
4fc ӽ;4fe ӿ;500 ԁ;502 ԃ;504 ԅ;506 ԇ;508 ԉ;50a ԋ;50c ԍ;50e ԏ;510 ԑ;512 ԓ;514 ԕ;
516 ԗ;518 ԙ;51a ԛ;51c ԝ;51e ԟ;520 ԡ;522 ԣ;524 ԥ;526 ԧ;528 ԩ;52a ԫ;52c ԭ;52e ԯ;
531 ա;532 բ;533 գ;534 դ;535 ե;536 զ;537 է;538 ը;539 թ;53a ժ;53b ի;53c լ;53d խ;
53e ծ;53f կ;540 հ;541 ձ;542 ղ;543 ճ;544 մ;545 յ;546 ն;547 շ;548 ո;549 չ;54a պ;
54b ջ;54c ռ;54d ս;54e վ;54f տ;550 ր;551 ց;552 ւ;553 փ;554 ք;555 օ;556 ֆ;587 եւ;
10a0 ⴀ;10a1 ⴁ;10a2 ⴂ;10a3 ⴃ;10a4 ⴄ;10a5 ⴅ;10a6 ⴆ;10a7 ⴇ;10a8 ⴈ;10a9 ⴉ;
10aa ⴊ;10ab ⴋ;10ac ⴌ;10ad ⴍ;10ae ⴎ;10af ⴏ;10b0 ⴐ;10b1 ⴑ;10b2 ⴒ;10b3 ⴓ;
10b4 ⴔ;10b5 ⴕ;10b6 ⴖ;10b7 ⴗ;10b8 ⴘ;10b9 ⴙ;10ba ⴚ;10bb ⴛ;10bc ⴜ;10bd ⴝ;
10be ⴞ;10bf ⴟ;10c0 ⴠ;10c1 ⴡ;10c2 ⴢ;10c3 ⴣ;10c4 ⴤ;10c5 ⴥ;10c7 ⴧ;10cd ⴭ;
13a0 ꭰ;13a1 ꭱ;13a2 ꭲ;13a3 ꭳ;13a4 ꭴ;13a5 ꭵ;13a6 ꭶ;13a7 ꭷ;13a8 ꭸ;13a9 ꭹ;
13aa ꭺ;13ab ꭻ;13ac ꭼ;13ad ꭽ;13ae ꭾ;13af ꭿ;13b0 ꮀ;13b1 ꮁ;13b2 ꮂ;13b3 ꮃ;
13b4 ꮄ;13b5 ꮅ;13b6 ꮆ;13b7 ꮇ;13b8 ꮈ;13b9 ꮉ;13ba ꮊ;13bb ꮋ;13bc ꮌ;13bd ꮍ;
13be ꮎ;13bf ꮏ;13c0 ꮐ;13c1 ꮑ;13c2 ꮒ;13c3 ꮓ;13c4 ꮔ;13c5 ꮕ;13c6 ꮖ;13c7 ꮗ;
13c8 ꮘ;13c9 ꮙ;13ca ꮚ;13cb ꮛ;13cc ꮜ;13cd ꮝ;13ce ꮞ;13cf ꮟ;13d0 ꮠ;13d1 ꮡ;
13d2 ꮢ;13d3 ꮣ;13d4 ꮤ;13d5 ꮥ;13d6 ꮦ;13d7 ꮧ;13d8 ꮨ;13d9 ꮩ;13da ꮪ;13db ꮫ;
13dc ꮬ;13dd ꮭ;13de ꮮ;13df ꮯ;13e0 ꮰ;13e1 ꮱ;13e2 ꮲ;13e3 ꮳ;13e4 ꮴ;13e5 ꮵ;
13e6 ꮶ;13e7 ꮷ;13e8 ꮸ;13e9 ꮹ;13ea ꮺ;13eb ꮻ;13ec ꮼ;13ed ꮽ;13ee ꮾ;13ef ꮿ;
13f0 ᏸ;13f1 ᏹ;13f2 ᏺ;13f3 ᏻ;13f4 ᏼ;13f5 ᏽ;1c90 ა;1c91 ბ;1c92 გ;1c93 დ;
1c94 ე;1c95 ვ;1c96 ზ;1c97 თ;1c98 ი;1c99 კ;1c9a ლ;1c9b მ;1c9c ნ;1c9d ო;
1c9e პ;1c9f ჟ;1ca0 რ;1ca1 ს;1ca2 ტ;1ca3 უ;1ca4 ფ;1ca5 ქ;1ca6 ღ;1ca7 ყ;
1ca8 შ;1ca9 ჩ;1caa ც;1cab ძ;1cac წ;1cad ჭ;1cae ხ;1caf ჯ;1cb0 ჰ;1cb1 ჱ;
1cb2 ჲ;1cb3 ჳ;1cb4 ჴ;1cb5 ჵ;1cb6 ჶ;1cb7 ჷ;1cb8 ჸ;1cb9 ჹ;1cba ჺ;1cbd ჽ;
1cbe ჾ;1cbf ჿ;1e00 a;1e01 a;1e02 b;1e03 b;1e04 b;1e05 b;1e06 b;1e07 b;1e08 c;1e09 c;1e0a d;
1e0b d;1e0c d;1e0d d;1e0e d;1e0f d;1e10 d;1e11 d;1e12 d;1e13 d;1e14 e;1e15 e;1e16 e;1e17 e;
1e18 e;1e19 e;1e1a e;1e1b e;1e1c e;1e1d e;1e1e f;1e1f f;1e20 g;1e21 g;1e22 h;1e23 h;1e24 h;
1e25 h;1e26 h;1e27 h;1e28 h;1e29 h;1e2a h;1e2b h;1e2c i;1e2d i;1e2e i;1e2f i;1e30 k;1e31 k;
1e32 k;1e33 k;1e34 k;1e35 k;1e36 l;1e37 l;1e38 l;1e39 l;1e3a l;1e3b l;1e3c l;1e3d l;1e3e m;
1e3f m;1e40 m;1e41 m;1e42 m;1e43 m;1e44 n;1e45 n;1e46 n;1e47 n;1e48 n;1e49 n;1e4a n;1e4b n;
1e4c o;1e4d o;1e4e o;1e4f o;1e50 o;1e51 o;1e52 o;1e53 o;1e54 p;1e55 p;1e56 p;1e57 p;1e58 r;
1e59 r;1e5a r;1e5b r;1e5c r;1e5d r;1e5e r;1e5f r;1e60 s;1e61 s;1e62 s;1e63 s;1e64 s;1e65 s;
1e66 s;1e67 s;1e68 s;1e69 s;1e6a t;1e6b t;1e6c t;1e6d t;1e6e t;1e6f t;1e70 t;1e71 t;1e72 u;
1e73 u;1e74 u;1e75 u;1e76 u;1e77 u;1e78 u;1e79 u;1e7a u;1e7b u;1e7c v;1e7d v;1e7e v;1e7f v;
1e80 w;1e81 w;1e82 w;1e83 w;1e84 w;1e85 w;1e86 w;1e87 w;1e88 w;1e89 w;1e8a x;1e8b x;1e8c x;
1e8d x;1e8e y;1e8f y;1e90 z;1e91 z;1e92 z;1e93 z;1e94 z;1e95 z;1e96 h;1e97 t;1e98 w;1e99 y;
1e9a aʾ;1e9b s;1e9e ss;1ea0 a;1ea1 a;1ea2 a;1ea3 a;1ea4 a;1ea5 a;1ea6 a;1ea7 a;1ea8 a;1ea9 a;
1eaa a;1eab a;1eac a;1ead a;1eae a;1eaf a;1eb0 a;1eb1 a;1eb2 a;1eb3 a;1eb4 a;1eb5 a;1eb6 a;
1eb7 a;1eb8 e;1eb9 e;1eba e;1ebb e;1ebc e;1ebd e;1ebe e;1ebf e;1ec0 e;1ec1 e;1ec2 e;1ec3 e;
1ec4 e;1ec5 e;1ec6 e;1ec7 e;1ec8 i;1ec9 i;1eca i;1ecb i;1ecc o;1ecd o;1ece o;1ecf o;1ed0 o;
1ed1 o;1ed2 o;1ed3 o;1ed4 o;1ed5 o;1ed6 o;1ed7 o;1ed8 o;1ed9 o;1eda o;1edb o;1edc o;1edd o;
1ede o;1edf o;1ee0 o;1ee1 o;1ee2 o;1ee3 o;1ee4 u;1ee5 u;1ee6 u;1ee7 u;1ee8 u;1ee9 u;1eea u;
1eeb u;1eec u;1eed u;1eee u;1eef u;1ef0 u;1ef1 u;1ef2 y;1ef3 y;1ef4 y;1ef5 y;1ef6 y;1ef7 y;
1ef8 y;1ef9 y;1efa ỻ;1efc ỽ;1efe ỿ;1f00 α;1f01 α;1f02 α;1f03 α;1f04 α;1f05 α;
1f06 α;1f07 α;1f08 α;1f09 α;1f0a α;1f0b α;1f0c α;1f0d α;1f0e α;1f0f α;1f10 ε;1f11 ε;
1f12 ε;1f13 ε;1f14 ε;1f15 ε;1f18 ε;1f19 ε;1f1a ε;1f1b ε;1f1c ε;1f1d ε;1f20 η;1f21 η;
1f22 η;1f23 η;1f24 η;1f25 η;1f26 η;1f27 η;1f28 η;1f29 η;1f2a η;1f2b η;1f2c η;1f2d η;
1f2e η;1f2f η;1f30 ι;1f31 ι;1f32 ι;1f33 ι;1f34 ι;1f35 ι;1f36 ι;1f37 ι;1f38 ι;1f39 ι;
1f3a ι;1f3b ι;1f3c ι;1f3d ι;1f3e ι;1f3f ι;1f40 ο;1f41 ο;1f42 ο;1f43 ο;1f44 ο;1f45 ο;
1f48 ο;1f49 ο;1f4a ο;1f4b ο;1f4c ο;1f4d ο;1f50 υ;1f51 υ;1f52 υ;1f53 υ;1f54 υ;1f55 υ;
1f56 υ;1f57 υ;1f59 υ;1f5b υ;1f5d υ;1f5f υ;1f60 ω;1f61 ω;1f62 ω;1f63 ω;1f64 ω;1f65 ω;
1f66 ω;1f67 ω;1f68 ω;1f69 ω;1f6a ω;1f6b ω;1f6c ω;1f6d ω;1f6e ω;1f6f ω;1f70 α;1f71 α;
1f72 ε;1f73 ε;1f74 η;1f75 η;1f76 ι;1f77 ι;1f78 ο;1f79 ο;1f7a υ;1f7b υ;1f7c ω;1f7d ω;
1f80 α;1f81 α;1f82 α;1f83 α;1f84 α;1f85 α;1f86 α;1f87 α;1f88 α;1f89 α;1f8a α;1f8b α;
1f8c α;1f8d α;1f8e α;1f8f α;1f90 η;1f91 η;1f92 η;1f93 η;1f94 η;1f95 η;1f96 η;1f97 η;
1f98 η;1f99 η;1f9a η;1f9b η;1f9c η;1f9d η;1f9e η;1f9f η;1fa0 ω;1fa1 ω;1fa2 ω;1fa3 ω;
1fa4 ω;1fa5 ω;1fa6 ω;1fa7 ω;1fa8 ω;1fa9 ω;1faa ω;1fab ω;1fac ω;1fad ω;1fae ω;1faf ω;
1fb0 α;1fb1 α;1fb2 α;1fb3 α;1fb4 α;1fb6 α;1fb7 α;1fb8 α;1fb9 α;1fba α;1fbb α;1fbc α;
1fbe ι;1fc2 η;1fc3 η;1fc4 η;1fc6 η;1fc7 η;1fc8 ε;1fc9 ε;1fca η;1fcb η;1fcc η;1fd0 ι;
1fd1 ι;1fd2 ι;1fd3 ι;1fd6 ι;1fd7 ι;1fd8 ι;1fd9 ι;1fda ι;1fdb ι;1fe0 υ;1fe1 υ;1fe2 υ;
1fe3 υ;1fe4 ρ;1fe5 ρ;1fe6 υ;1fe7 υ;1fe8 υ;1fe9 υ;1fea υ;1feb υ;1fec ρ;1ff2 ω;1ff3 ω;
1ff4 ω;1ff6 ω;1ff7 ω;1ff8 ο;1ff9 ο;1ffa ω;1ffb ω;1ffc ω;2126 ω;212a k;212b a;2132 ⅎ;
2160 ⅰ;2161 ⅱ;2162 ⅲ;2163 ⅳ;2164 ⅴ;2165 ⅵ;2166 ⅶ;2167 ⅷ;2168 ⅸ;2169 ⅹ;
216a ⅺ;216b ⅻ;216c ⅼ;216d ⅽ;216e ⅾ;216f ⅿ;2183 ↄ;2c00 ⰰ;2c01 ⰱ;2c02 ⰲ;
2c03 ⰳ;2c04 ⰴ;2c05 ⰵ;2c06 ⰶ;2c07 ⰷ;2c08 ⰸ;2c09 ⰹ;2c0a ⰺ;2c0b ⰻ;2c0c ⰼ;
2c0d ⰽ;2c0e ⰾ;2c0f ⰿ;2c10 ⱀ;2c11 ⱁ;2c12 ⱂ;2c13 ⱃ;2c14 ⱄ;2c15 ⱅ;2c16 ⱆ;
2c17 ⱇ;2c18 ⱈ;2c19 ⱉ;2c1a ⱊ;2c1b ⱋ;2c1c ⱌ;2c1d ⱍ;2c1e ⱎ;2c1f ⱏ;2c20 ⱐ;
2c21 ⱑ;2c22 ⱒ;2c23 ⱓ;2c24 ⱔ;2c25 ⱕ;2c26 ⱖ;2c27 ⱗ;2c28 ⱘ;2c29 ⱙ;2c2a ⱚ;
2c2b ⱛ;2c2c ⱜ;2c2d ⱝ;2c2e ⱞ;2c2f ⱟ;2c60 ⱡ;2c62 ɫ;2c63 ᵽ;2c64 ɽ;2c67 ⱨ;
2c69 ⱪ;2c6b ⱬ;2c6d ɑ;2c6e ɱ;2c6f ɐ;2c70 ɒ;2c72 ⱳ;2c75 ⱶ;2c7e ȿ;2c7f ɀ;2c80 ⲁ;
2c82 ⲃ;2c84 ⲅ;2c86 ⲇ;2c88 ⲉ;2c8a ⲋ;2c8c ⲍ;2c8e ⲏ;2c90 ⲑ;2c92 ⲓ;2c94 ⲕ;
2c96 ⲗ;2c98 ⲙ;2c9a ⲛ;2c9c ⲝ;2c9e ⲟ;2ca0 ⲡ;2ca2 ⲣ;2ca4 ⲥ;2ca6 ⲧ;2ca8 ⲩ;
2caa ⲫ;2cac ⲭ;2cae ⲯ;2cb0 ⲱ;2cb2 ⲳ;2cb4 ⲵ;2cb6 ⲷ;2cb8 ⲹ;2cba ⲻ;2cbc ⲽ;
2cbe ⲿ;2cc0 ⳁ;2cc2 ⳃ;2cc4 ⳅ;2cc6 ⳇ;2cc8 ⳉ;2cca ⳋ;2ccc ⳍ;2cce ⳏ;2cd0 ⳑ;
2cd2 ⳓ;2cd4 ⳕ;2cd6 ⳗ;2cd8 ⳙ;2cda ⳛ;2cdc ⳝ;2cde ⳟ;2ce0 ⳡ;2ce2 ⳣ;2ceb ⳬ;
2ced ⳮ;2cf2 ⳳ;a640 ꙁ;a642 ꙃ;a644 ꙅ;a646 ꙇ;a648 ꙉ;a64a ꙋ;a64c ꙍ;a64e ꙏ;
a650 ꙑ;a652 ꙓ;a654 ꙕ;a656 ꙗ;a658 ꙙ;a65a ꙛ;a65c ꙝ;a65e ꙟ;a660 ꙡ;a662 ꙣ;
a664 ꙥ;a666 ꙧ;a668 ꙩ;a66a ꙫ;a66c ꙭ;a680 ꚁ;a682 ꚃ;a684 ꚅ;a686 ꚇ;a688 ꚉ;
a68a ꚋ;a68c ꚍ;a68e ꚏ;a690 ꚑ;a692 ꚓ;a694 ꚕ;a696 ꚗ;a698 ꚙ;a69a ꚛ;a722 ꜣ;
a724 ꜥ;a726 ꜧ;a728 ꜩ;a72a ꜫ;a72c ꜭ;a72e ꜯ;a732 ꜳ;a734 ꜵ;a736 ꜷ;a738 ꜹ;
a73a ꜻ;a73c ꜽ;a73e ꜿ;a740 ꝁ;a742 ꝃ;a744 ꝅ;a746 ꝇ;a748 ꝉ;a74a ꝋ;a74c ꝍ;
a74e ꝏ;a750 ꝑ;a752 ꝓ;a754 ꝕ;a756 ꝗ;a758 ꝙ;a75a ꝛ;a75c ꝝ;a75e ꝟ;a760 ꝡ;
a762 ꝣ;a764 ꝥ;a766 ꝧ;a768 ꝩ;a76a ꝫ;a76c ꝭ;a76e ꝯ;a779 ꝺ;a77b ꝼ;a77d ᵹ;
a77e ꝿ;a780 ꞁ;a782 ꞃ;a784 ꞅ;a786 ꞇ;a78b ꞌ;a78d ɥ;a790 ꞑ;a792 ꞓ;a796 ꞗ;
a798 ꞙ;a79a ꞛ;a79c ꞝ;a79e ꞟ;a7a0 ꞡ;a7a2 ꞣ;a7a4 ꞥ;a7a6 ꞧ;a7a8 ꞩ;a7aa ɦ;
a7ab ɜ;a7ac ɡ;a7ad ɬ;a7ae ɪ;a7b0 ʞ;a7b1 ʇ;a7b2 ʝ;a7b3 ꭓ;a7b4 ꞵ;a7b6 ꞷ;a7b8 ꞹ;
a7ba ꞻ;a7bc ꞽ;a7be ꞿ;a7c0 ꟁ;a7c2 ꟃ;a7c4 ꞔ;a7c5 ʂ;a7c6 ᶎ;a7c7 ꟈ;a7c9 ꟊ;
a7d0 ꟑ;a7d6 ꟗ;a7d8 ꟙ;a7f5 ꟶ;fb00 ff;fb01 fi;fb02 fl;fb03 ffi;fb04 ffl;fb05 st;fb06 st;
fb13 մն;fb14 մե;fb15 մի;fb16 վն;fb17 մխ;ff21 ａ;ff22 ｂ;ff23 ｃ;ff24 ｄ;ff25 ｅ;
ff26 ｆ;ff27 ｇ;ff28 ｈ;ff29 ｉ;ff2a ｊ;ff2b ｋ;ff2c ｌ;ff2d ｍ;ff2e ｎ;ff2f ｏ;
ff30 ｐ;ff31 ｑ;ff32 ｒ;ff33 ｓ;ff34 ｔ;ff35 ｕ;ff36 ｖ;ff37 ｗ;ff38 ｘ;ff39 ｙ;
ff3a ｚ;10400 𐐨;10401 𐐩;10402 𐐪;10403 𐐫;10404 𐐬;10405 𐐭;10406 𐐮;
10407 𐐯;10408 𐐰;10409 𐐱;1040a 𐐲;1040b 𐐳;1040c 𐐴;1040d 𐐵;1040e 𐐶;
1040f 𐐷;10410 𐐸;10411 𐐹;10412 𐐺;10413 𐐻;10414 𐐼;10415 𐐽;10416 𐐾;
10417 𐐿;10418 𐑀;10419 𐑁;1041a 𐑂;1041b 𐑃;1041c 𐑄;1041d 𐑅;1041e 𐑆;
1041f 𐑇;10420 𐑈;10421 𐑉;10422 𐑊;10423 𐑋;10424 𐑌;10425 𐑍;10426 𐑎;
10427 𐑏;104b0 𐓘;104b1 𐓙;104b2 𐓚;104b3 𐓛;104b4 𐓜;104b5 𐓝;104b6 𐓞;
104b7 𐓟;104b8 𐓠;104b9 𐓡;104ba 𐓢;104bb 𐓣;104bc 𐓤;104bd 𐓥;104be 𐓦;
104bf 𐓧;104c0 𐓨;104c1 𐓩;104c2 𐓪;104c3 𐓫;104c4 𐓬;104c5 𐓭;104c6 𐓮;
104c7 𐓯;104c8 𐓰;104c9 𐓱;104ca 𐓲;104cb 𐓳;104cc 𐓴;104cd 𐓵;104ce 𐓶;
104cf 𐓷;104d0 𐓸;104d1 𐓹;104d2 𐓺;104d3 𐓻;10570 𐖗;10571 𐖘;10572 𐖙;
10573 𐖚;10574 𐖛;10575 𐖜;10576 𐖝;10577 𐖞;10578 𐖟;10579 𐖠;1057a 𐖡;
1057c 𐖣;1057d 𐖤;1057e 𐖥;1057f 𐖦;10580 𐖧;10581 𐖨;10582 𐖩;10583 𐖪;
10584 𐖫;10585 𐖬;10586 𐖭;10587 𐖮;10588 𐖯;10589 𐖰;1058a 𐖱;1058c 𐖳;
1058d 𐖴;1058e 𐖵;1058f 𐖶;10590 𐖷;10591 𐖸;10592 𐖹;10594 𐖻;10595 𐖼;
10c80 𐳀;10c81 𐳁;10c82 𐳂;10c83 𐳃;10c84 𐳄;10c85 𐳅;10c86 𐳆;10c87 𐳇;
10c88 𐳈;10c89 𐳉;10c8a 𐳊;10c8b 𐳋;10c8c 𐳌;10c8d 𐳍;10c8e 𐳎;10c8f 𐳏;
10c90 𐳐;10c91 𐳑;10c92 𐳒;10c93 𐳓;10c94 𐳔;10c95 𐳕;10c96 𐳖;10c97 𐳗;
10c98 𐳘;10c99 𐳙;10c9a 𐳚;10c9b 𐳛;10c9c 𐳜;10c9d 𐳝;10c9e 𐳞;10c9f 𐳟;
10ca0 𐳠;10ca1 𐳡;10ca2 𐳢;10ca3 𐳣;10ca4 𐳤;10ca5 𐳥;10ca6 𐳦;10ca7 𐳧;
10ca8 𐳨;10ca9 𐳩;10caa 𐳪;10cab 𐳫;10cac 𐳬;10cad 𐳭;10cae 𐳮;10caf 𐳯;
10cb0 𐳰;10cb1 𐳱;10cb2 𐳲;118a0 𑣀;118a1 𑣁;118a2 𑣂;118a3 𑣃;118a4 𑣄;
118a5 𑣅;118a6 𑣆;118a7 𑣇;118a8 𑣈;118a9 𑣉;118aa 𑣊;118ab 𑣋;118ac 𑣌;
118ad 𑣍;118ae 𑣎;118af 𑣏;118b0 𑣐;118b1 𑣑;118b2 𑣒;118b3 𑣓;118b4 𑣔;
118b5 𑣕;118b6 𑣖;118b7 𑣗;118b8 𑣘;118b9 𑣙;118ba 𑣚;118bb 𑣛;118bc 𑣜;
118bd 𑣝;118be 𑣞;118bf 𑣟;16e40 𖹠;16e41 𖹡;16e42 𖹢;16e43 𖹣;16e44 𖹤;
16e45 𖹥;16e46 𖹦;16e47 𖹧;16e48 𖹨;16e49 𖹩;16e4a 𖹪;16e4b 𖹫;16e4c 𖹬;
16e4d 𖹭;16e4e 𖹮;16e4f 𖹯;16e50 𖹰;16e51 𖹱;16e52 𖹲;16e53 𖹳;16e54 𖹴;
16e55 𖹵;16e56 𖹶;16e57 𖹷;16e58 𖹸;16e59 𖹹;16e5a 𖹺;16e5b 𖹻;16e5c 𖹼;
16e5d 𖹽;16e5e 𖹾;16e5f 𖹿;1e900 𞤢;1e901 𞤣;1e902 𞤤;1e903 𞤥;1e904 𞤦;
1e905 𞤧;1e906 𞤨;1e907 𞤩;1e908 𞤪;1e909 𞤫;1e90a 𞤬;1e90b 𞤭;1e90c 𞤮;
1e90d 𞤯;1e90e 𞤰;1e90f 𞤱;1e910 𞤲;1e911 𞤳;1e912 𞤴;1e913 𞤵;1e914 𞤶;
1e915 𞤷;1e916 𞤸;1e917 𞤹;1e918 𞤺;1e919 𞤻;1e91a 𞤼;1e91b 𞤽;1e91c 𞤾;
1e91d 𞤿;1e91e 𞥀;1e91f 𞥁;1e920 𞥂;1e921 𞥃;
"""
}
