# ruff: noqa: E501  (data: names and sentences in five languages, one per line)
"""The seed data's names in each language: the programmes, their stages, indicators and council
types, and the demo's cities, regions and districts. Seeds and the demo store them in the
per-language columns (`localized`); after loading they are data, edited in the admin.

The English name is the key (it is also the msgid the seed files mark with gettext_noop, so the
catalogues keep carrying it). Persian is in `NAMES` or `PERSIAN` for every seed text. Where
neither has a name in a language, the catalogue's translation is taken if it has one (the long
criteria and stage descriptions in Russian, Kazakh and Lithuanian, as those catalogues gain
them); otherwise the column stays empty and readers get the fallback of
settings.MODELTRANSLATION_FALLBACK_LANGUAGES.

Terms follow UNICEF's own: "شهر دوستدار کودک", "Город, дружественный детям" /
"Балаларға қолайлы қала" with аккредитация and сертификация, "Vaikams draugiškas miestas".
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

#: The languages of the seed names, in the table's order after English.
TABLE_LANGUAGES = ("fa", "ru", "kk", "lt")

#: The languages a programme's own place names are given in (its people's and English).
PLACE_LANGUAGES = {
    "iran": ("en", "fa"),
    "kazakhstan": ("en", "kk", "ru"),
    "lithuania": ("en", "lt"),
}

# English: (Persian, Russian, Kazakh, Lithuanian); None where the catalogue answers.
NAMES: dict[str, tuple[str | None, str | None, str | None, str | None]] = {
    # --- countries and programmes
    "Iran": ("ایران", "Иран", "Иран", "Iranas"),
    "Kazakhstan": ("قزاقستان", "Казахстан", "Қазақстан", "Kazachstanas"),
    "Lithuania": ("لیتوانی", "Литва", "Литва", "Lietuva"),
    "Iran's Child-Friendly Cities programme": (
        "برنامهٔ ملی شهرهای دوستدار کودک ایران",
        "Программа «Города, дружественные детям» в Иране",
        "Ирандағы «Балаларға қолайлы қалалар» бағдарламасы",
        "Irano programa „Vaikams draugiški miestai“",
    ),
    "Kazakhstan's Child-Friendly Cities programme": (
        "برنامهٔ ملی شهرهای دوستدار کودک قزاقستان",
        "Программа «Города, дружественные детям» в Казахстане",
        "Қазақстандағы «Балаларға қолайлы қалалар» бағдарламасы",
        "Kazachstano programa „Vaikams draugiški miestai“",
    ),
    "Lithuania's Child-Friendly Cities programme": (
        "برنامهٔ شهرهای دوستدار کودک لیتوانی",
        "Программа «Города, дружественные детям» в Литве",
        "Литвадағы «Балаларға қолайлы қалалар» бағдарламасы",
        "Lietuvos programa „Vaikams draugiški miestai“",
    ),
    "Ministry of Interior (Centre for International Affairs) with the Organization of "
    "Municipalities and Village Administrations and the UNICEF country office": (
        None,
        "Министерство внутренних дел (Центр международных связей) с Организацией муниципалитетов "
        "и сельских администраций и страновым офисом ЮНИСЕФ",
        "Ішкі істер министрлігі (Халықаралық байланыстар орталығы) Муниципалитеттер мен ауылдық "
        "әкімшіліктер ұйымымен және ЮНИСЕФ-тің елдік кеңсесімен бірге",
        "Vidaus reikalų ministerija (Tarptautinių ryšių centras) su Savivaldybių ir kaimų "
        "administracijų organizacija ir UNICEF šalies biuru",
    ),
    "Ministry of Education and Science (Committee for children's rights protection) with UNICEF": (
        None,
        "Министерство образования и науки (Комитет по охране прав детей) совместно с ЮНИСЕФ",
        "Білім және ғылым министрлігі (Балалардың құқықтарын қорғау комитеті) ЮНИСЕФ-пен бірге",
        "Švietimo ir mokslo ministerija (Vaiko teisių apsaugos komitetas) kartu su UNICEF",
    ),
    "UNICEF Lithuania (national committee), in the Nordic-Baltic network": (
        None,
        "ЮНИСЕФ Литвы (национальный комитет), в Северо-Балтийской сети",
        "ЮНИСЕФ Литва (ұлттық комитет), Солтүстік-Балтық желісінде",
        "UNICEF Lietuva (nacionalinis komitetas), Šiaurės ir Baltijos šalių tinkle",
    ),
    # --- stage titles
    "Office formation": (None, "Создание офиса", "Кеңсе құру", "Biuro įsteigimas"),
    "CFC database": (
        None,
        "База данных о детях",
        "Балалар туралы деректер базасы",
        "Duomenų apie vaikus bazė",
    ),
    "Children's atlas": (None, "Атлас детей", "Балалар атласы", "Vaikų atlasas"),
    "Stocktake": (None, "Обзор сделанного", "Атқарылған жұмысқа шолу", "Padėties apžvalga"),
    "Situation analysis": (None, "Анализ ситуации", "Жағдайды талдау", "Situacijos analizė"),
    "Plans": (None, "Планы", "Жоспарлар", "Planai"),
    "Plan submission": (None, "Подача планов", "Жоспарларды ұсыну", "Planų pateikimas"),
    "Request to UNICEF": (
        None,
        "Запрос в ЮНИСЕФ",
        "ЮНИСЕФ-ке өтініш",
        "Prašymas UNICEF",
    ),
    "Joint evaluation": (None, "Совместная оценка", "Бірлескен бағалау", "Bendras vertinimas"),
    "Candidacy": (None, "Кандидатство", "Кандидаттық", "Kandidatūra"),
    "Final evaluation": (None, "Итоговая оценка", "Қорытынды бағалау", "Galutinis vertinimas"),
    "Badge": (None, "Знак", "Белгі", "Ženklas"),
    "Network membership": (None, "Членство в сети", "Желіге мүшелік", "Narystė tinkle"),
    "Ongoing review": (None, "Текущий мониторинг", "Ағымдағы мониторинг", "Nuolatinė peržiūra"),
    "Memorandum with the akimat": (
        None,
        "Меморандум с акиматом",
        "Әкімдікпен меморандум",
        "Memorandumas su akimatu",
    ),
    "Study of the situation of children and families": (
        None,
        "Изучение положения детей и семей",
        "Балалар мен отбасылардың жағдайын зерделеу",
        "Vaikų ir šeimų padėties tyrimas",
    ),
    "Interdepartmental coordination council": (
        None,
        "Межведомственный координационный совет",
        "Ведомствоаралық үйлестіру кеңесі",
        "Tarpžinybinė koordinavimo taryba",
    ),
    "Strategic programme adopted": (
        None,
        "Принятие стратегической программы",
        "Стратегиялық бағдарламаны қабылдау",
        "Strateginė programa priimta",
    ),
    "Assessment (governance structures, sector results, children's views)": (
        None,
        "Оценка (структуры управления, отраслевые результаты, мнение детей)",
        "Бағалау (басқару құрылымдары, салалық нәтижелер, балалардың пікірі)",
        "Vertinimas (valdymo struktūros, sričių rezultatai, vaikų nuomonė)",
    ),
    "Accreditation": (None, "Аккредитация", "Аккредиттеу", "Akreditacija"),
    "Certification": (None, "Сертификация", "Сертификаттау", "Sertifikavimas"),
    "Memorandum of cooperation": (
        None,
        "Меморандум о сотрудничестве",
        "Ынтымақтастық туралы меморандум",
        "Bendradarbiavimo memorandumas",
    ),
    "Working group and coordinator appointed": (
        None,
        "Назначение рабочей группы и координатора",
        "Жұмыс тобы мен үйлестірушіні тағайындау",
        "Paskirta darbo grupė ir koordinatorius",
    ),
    "Situation analysis with a survey of children": (
        None,
        "Анализ ситуации с опросом детей",
        "Балаларға сауалнама жүргізе отырып жағдайды талдау",
        "Situacijos analizė su vaikų apklausa",
    ),
    "Action plan adopted by the council": (
        None,
        "Принятие плана действий советом",
        "Іс-қимыл жоспарын кеңестің қабылдауы",
        "Taryba patvirtino veiksmų planą",
    ),
    "Implementation report": (
        None,
        "Отчёт о выполнении",
        "Орындалуы туралы есеп",
        "Įgyvendinimo ataskaita",
    ),
    "Evaluation": (None, "Оценка", "Бағалау", "Vertinimas"),
    "Recognition": (None, "Признание", "Тану", "Pripažinimas"),
    # --- stage descriptions
    "The municipality forms its CFC office under the national directive.": (
        None,
        "Муниципалитет создаёт офис ГДД по национальной директиве.",
        "Муниципалитет ұлттық нұсқаулыққа сәйкес БМҚ кеңсесін құрады.",
        "Savivaldybė pagal nacionalinę direktyvą įsteigia VDM biurą.",
    ),
    "Children's information is centralised in the office's database.": (
        None,
        "Сведения о детях собираются в базе данных офиса.",
        "Балалар туралы мәліметтер кеңсенің деректер базасына жинақталады.",
        "Informacija apie vaikus sutelkiama biuro duomenų bazėje.",
    ),
    "The situation of the city's children is assessed by need, urban environment and the spaces where people work with children.": (
        None,
        "Положение детей города оценивается по потребностям, городской среде и местам, где работают с детьми.",
        "Қала балаларының жағдайы қажеттіліктер, қалалық орта және балалармен жұмыс істейтін орындар бойынша бағаланады.",
        "Miesto vaikų padėtis vertinama pagal poreikius, miesto aplinką ir vietas, kuriose dirbama su vaikais.",
    ),
    "What the city has already done for children is reviewed and summarised.": (
        None,
        "То, что город уже сделал для детей, изучается и обобщается.",
        "Қаланың балалар үшін атқарған жұмысы қаралып, қорытындыланады.",
        "Peržiūrima ir apibendrinama, ką miestas jau nuveikė vaikams.",
    ),
    "The gap between today and what a child-friendly city requires.": (
        None,
        "Разрыв между нынешним положением и требованиями к городу, дружественному детям.",
        "Қазіргі жағдай мен балаларға қолайлы қала талаптары арасындағы алшақтық.",
        "Atotrūkis tarp dabarties ir to, ko reikalauja vaikams draugiškas miestas.",
    ),
    "A five-year strategic plan and one-year operational plans that close the gaps.": (
        None,
        "Пятилетний стратегический план и годовые оперативные планы, устраняющие разрывы.",
        "Алшақтықты жоятын бесжылдық стратегиялық жоспар және бір жылдық жедел жоспарлар.",
        "Penkerių metų strateginis planas ir metiniai veiklos planai, šalinantys atotrūkius.",
    ),
    "The plans go to the national Organization of Municipalities with a request for candidacy.": (
        None,
        "Планы направляются в национальную Организацию муниципалитетов с запросом о кандидатстве.",
        "Жоспарлар кандидаттыққа өтінішпен бірге ұлттық Муниципалитеттер ұйымына жіберіледі.",
        "Planai su prašymu dėl kandidatūros siunčiami nacionalinei Savivaldybių organizacijai.",
    ),
    "The Organization of Municipalities and the Ministry of Interior's international office send the request to UNICEF.": (
        None,
        "Организация муниципалитетов и международный отдел Министерства внутренних дел направляют запрос в ЮНИСЕФ.",
        "Муниципалитеттер ұйымы мен Ішкі істер министрлігінің халықаралық бөлімі өтінішті ЮНИСЕФ-ке жібереді.",
        "Savivaldybių organizacija ir Vidaus reikalų ministerijos tarptautinis skyrius siunčia prašymą UNICEF.",
    ),
    "The ministry's international office and UNICEF evaluate the plans and actions.": (
        None,
        "Международный отдел министерства и ЮНИСЕФ оценивают планы и действия.",
        "Министрліктің халықаралық бөлімі мен ЮНИСЕФ жоспарлар мен іс-әрекеттерді бағалайды.",
        "Ministerijos tarptautinis skyrius ir UNICEF įvertina planus ir veiksmus.",
    ),
    "The city becomes a candidate.": (
        None,
        "Город становится кандидатом.",
        "Қала кандидат болады.",
        "Miestas tampa kandidatu.",
    ),
    "Evaluation for the badge, on the strategic plan and three to five years of performance.": (
        None,
        "Оценка для получения знака: по стратегическому плану и результатам за три–пять лет.",
        "Белгі алу үшін бағалау: стратегиялық жоспар мен үш–бес жылдағы нәтижелер бойынша.",
        "Vertinimas dėl ženklo pagal strateginį planą ir trejų–penkerių metų rezultatus.",
    ),
    "The city receives the badge and enters permanent evaluation to keep it.": (
        None,
        "Город получает знак и, чтобы сохранить его, проходит постоянную оценку.",
        "Қала белгіні алады және оны сақтау үшін тұрақты бағалаудан өтеді.",
        "Miestas gauna ženklą ir, kad jį išlaikytų, yra nuolat vertinamas.",
    ),
    "The city starts its activity in UNICEF's CFC network.": (
        None,
        "Город начинает работу в сети ГДД ЮНИСЕФ.",
        "Қала ЮНИСЕФ-тің БМҚ желісінде жұмысын бастайды.",
        "Miestas pradeda veiklą UNICEF VDM tinkle.",
    ),
    "Periodic monitoring reports and re-evaluation; a badge that is not renewed lapses.": (
        None,
        "Периодические отчёты о мониторинге и повторная оценка; непродлённый знак утрачивает силу.",
        "Мерзімді мониторинг есептері және қайта бағалау; ұзартылмаған белгі күшін жояды.",
        "Periodinės stebėsenos ataskaitos ir pakartotinis vertinimas; nepratęstas ženklas nustoja galioti.",
    ),
    "The Committee for children's rights protection signs a memorandum with the city's akimat.": (
        None,
        "Комитет по охране прав детей подписывает меморандум с акиматом города.",
        "Балалардың құқықтарын қорғау комитеті қала әкімдігімен меморандумға қол қояды.",
        "Vaiko teisių apsaugos komitetas pasirašo memorandumą su miesto akimatu.",
    ),
    # --- indicators
    "Children aged 0–5": (
        "کودکان ۰ تا ۵ ساله",
        "Дети 0–5 лет",
        "0–5 жастағы балалар",
        "0–5 metų vaikai",
    ),
    "Children aged 6–11": (
        "کودکان ۶ تا ۱۱ ساله",
        "Дети 6–11 лет",
        "6–11 жастағы балалар",
        "6–11 metų vaikai",
    ),
    "Children aged 12–17": (
        "کودکان ۱۲ تا ۱۷ ساله",
        "Дети 12–17 лет",
        "12–17 жастағы балалар",
        "12–17 metų vaikai",
    ),
    "Children with disabilities": (
        "کودکان دارای معلولیت",
        "Дети с инвалидностью",
        "Мүгедектігі бар балалар",
        "Vaikai su negalia",
    ),
    "Kindergartens": ("مهدهای کودک", "Детские сады", "Балабақшалар", "Darželiai"),
    "Primary schools": ("دبستان‌ها", "Начальные школы", "Бастауыш мектептер", "Pradinės mokyklos"),
    "Secondary schools": (
        "دبیرستان‌ها",
        "Средние школы",
        "Орта мектептер",
        "Vidurinės mokyklos",
    ),
    "Health centres": (
        "مراکز بهداشت",
        "Медицинские центры",
        "Денсаулық орталықтары",
        "Sveikatos centrai",
    ),
    "Mother-and-child rooms": (
        "اتاق‌های مادر و کودک",
        "Комнаты матери и ребёнка",
        "Ана мен бала бөлмелері",
        "Motinos ir vaiko kambariai",
    ),
    "Play space per child": (
        "فضای بازی به ازای هر کودک",
        "Игровое пространство на ребёнка",
        "Бір балаға шаққандағы ойын алаңы",
        "Žaidimų erdvė vienam vaikui",
    ),
    "Parks and playgrounds": (
        "پارک‌ها و زمین‌های بازی",
        "Парки и детские площадки",
        "Саябақтар мен балалар алаңдары",
        "Parkai ir žaidimų aikštelės",
    ),
    "Public libraries": (
        "کتابخانه‌های عمومی",
        "Публичные библиотеки",
        "Көпшілік кітапханалары",
        "Viešosios bibliotekos",
    ),
    "Children's houses and cultural centres": (
        "خانه‌های کودک و مراکز فرهنگی",
        "Дома детского творчества и культурные центры",
        "Балалар үйлері мен мәдени орталықтар",
        "Vaikų namai ir kultūros centrai",
    ),
    "Sports facilities open to children": (
        "اماکن ورزشی در دسترس کودکان",
        "Спортивные объекты, открытые для детей",
        "Балаларға ашық спорт нысандары",
        "Vaikams atviri sporto objektai",
    ),
    "Spaces where people work with children": (
        "فضاهای کار با کودکان",
        "Места работы с детьми",
        "Балалармен жұмыс істейтін орындар",
        "Vietos, kuriose dirbama su vaikais",
    ),
    "Child protection cases handled": (
        "موارد رسیدگی‌شدهٔ حمایت از کودک",
        "Рассмотренные случаи защиты детей",
        "Қаралған бала қорғау жағдайлары",
        "Išnagrinėti vaiko apsaugos atvejai",
    ),
    "Children injured in road traffic": (
        "کودکان آسیب‌دیده در حوادث رانندگی",
        "Дети, пострадавшие в ДТП",
        "Жол-көлік оқиғаларында зардап шеккен балалар",
        "Eismo įvykiuose sužeisti vaikai",
    ),
    "Schools with a safe crossing": (
        "مدارس دارای گذرگاه ایمن",
        "Школы с безопасным переходом",
        "Қауіпсіз өткелі бар мектептер",
        "Mokyklos su saugia perėja",
    ),
    "Green space per child": (
        "فضای سبز به ازای هر کودک",
        "Зелёные зоны на ребёнка",
        "Бір балаға шаққандағы жасыл аймақ",
        "Žalieji plotai vienam vaikui",
    ),
    "Schools with a student council": (
        "مدارس دارای شورای دانش‌آموزی",
        "Школы с ученическим советом",
        "Оқушылар кеңесі бар мектептер",
        "Mokyklos su mokinių taryba",
    ),
    "Children's council sessions held": (
        "جلسات برگزارشدهٔ شورای کودکان",
        "Проведённые заседания детского совета",
        "Балалар кеңесінің өткізілген отырыстары",
        "Įvykę vaikų tarybos posėdžiai",
    ),
    "Kindergarten places": (
        "ظرفیت مهدهای کودک",
        "Места в детских садах",
        "Балабақшадағы орындар",
        "Vietos darželiuose",
    ),
    "Schools": ("مدارس", "Школы", "Мектептер", "Mokyklos"),
    "Schools with inclusive education": (
        "مدارس دارای آموزش فراگیر",
        "Школы с инклюзивным образованием",
        "Инклюзивті білім беретін мектептер",
        "Mokyklos su įtraukiuoju ugdymu",
    ),
    "Children's polyclinics": (
        "درمانگاه‌های کودکان",
        "Детские поликлиники",
        "Балалар емханалары",
        "Vaikų poliklinikos",
    ),
    "Child-friendly polyclinics": (
        "درمانگاه‌های دوستدار کودک",
        "Поликлиники, дружественные детям",
        "Балаларға қолайлы емханалар",
        "Vaikams draugiškos poliklinikos",
    ),
    "Children's libraries": (
        "کتابخانه‌های کودکان",
        "Детские библиотеки",
        "Балалар кітапханалары",
        "Vaikų bibliotekos",
    ),
    "Playgrounds": ("زمین‌های بازی", "Детские площадки", "Балалар алаңдары", "Žaidimų aikštelės"),
    "Sports clubs for children": (
        "باشگاه‌های ورزشی کودکان",
        "Детские спортивные секции",
        "Балаларға арналған спорт секциялары",
        "Vaikų sporto būreliai",
    ),
    "Schools with an ombudsman": (
        "مدارس دارای بازرس",
        "Школы с омбудсменом",
        "Омбудсмені бар мектептер",
        "Mokyklos su ombudsmenu",
    ),
    "Children in residential care": (
        "کودکان در مراکز نگهداری",
        "Дети в учреждениях интернатного типа",
        "Интернат үлгісіндегі мекемелердегі балалар",
        "Vaikai globos įstaigose",
    ),
    "Members of the children's maslikhat": (
        "اعضای ماسلیخات کودکان",
        "Члены детского маслихата",
        "Балалар мәслихатының мүшелері",
        "Vaikų maslichato nariai",
    ),
    "Children waiting for a kindergarten place": (
        "کودکان در انتظار جای مهدکودک",
        "Дети в очереди в детский сад",
        "Балабақшаға кезекте тұрған балалар",
        "Vaikai, laukiantys vietos darželyje",
    ),
    "Primary health care centres": (
        "مراکز مراقبت‌های بهداشتی اولیه",
        "Центры первичной медико-санитарной помощи",
        "Алғашқы медициналық-санитариялық көмек орталықтары",
        "Pirminės sveikatos priežiūros centrai",
    ),
    "Children's day centres": (
        "مراکز روزانهٔ کودکان",
        "Дневные центры для детей",
        "Балаларға арналған күндізгі орталықтар",
        "Vaikų dienos centrai",
    ),
    "Children in families at social risk": (
        "کودکان در خانواده‌های در معرض خطر اجتماعی",
        "Дети в семьях социального риска",
        "Әлеуметтік қатердегі отбасылардың балалары",
        "Vaikai socialinės rizikos šeimose",
    ),
    "Libraries with a children's section": (
        "کتابخانه‌های دارای بخش کودک",
        "Библиотеки с детским отделом",
        "Балалар бөлімі бар кітапханалар",
        "Bibliotekos su vaikų skyriumi",
    ),
    "Open youth centres and spaces": (
        "مراکز و فضاهای باز نوجوانان",
        "Открытые молодёжные центры и пространства",
        "Ашық жастар орталықтары мен кеңістіктері",
        "Atviri jaunimo centrai ir erdvės",
    ),
    "Cycle paths": ("مسیرهای دوچرخه", "Велодорожки", "Велосипед жолдары", "Dviračių takai"),
    "Schools with a pupils' council": (
        "مدارس دارای شورای دانش‌آموزی",
        "Школы с советом учащихся",
        "Оқушылар кеңесі бар мектептер",
        "Mokyklos su mokinių taryba",
    ),
    "Members of the youth council": (
        "اعضای شورای جوانان",
        "Члены молодёжного совета",
        "Жастар кеңесінің мүшелері",
        "Jaunimo tarybos nariai",
    ),
    # --- units
    "children": ("کودک", "детей", "бала", "vaikai"),
    "per 1,000 children": ("در هر ۱۰۰۰ کودک", "на 1000 детей", "1000 балаға", "1000-čiui vaikų"),
    "kindergartens": ("مهد کودک", "детских садов", "балабақша", "darželiai"),
    "schools": ("مدرسه", "школ", "мектеп", "mokyklos"),
    "centres": ("مرکز", "центров", "орталық", "centrai"),
    "rooms": ("اتاق", "комнат", "бөлме", "kambariai"),
    "m²": ("متر مربع", "м²", "м²", "m²"),
    "parks": ("پارک", "парков", "саябақ", "parkai"),
    "libraries": ("کتابخانه", "библиотек", "кітапхана", "bibliotekos"),
    "facilities": ("مکان", "объектов", "нысан", "objektai"),
    "spaces": ("فضا", "мест", "орын", "vietos"),
    "%": ("٪", "%", "%", "%"),
    "sessions a year": ("جلسه در سال", "заседаний в год", "жылына отырыс", "posėdžiai per metus"),
    "polyclinics": ("درمانگاه", "поликлиник", "емхана", "poliklinikos"),
    "playgrounds": ("زمین بازی", "площадок", "алаң", "aikštelės"),
    "clubs": ("باشگاه", "секций", "секция", "būreliai"),
    "members": ("عضو", "членов", "мүше", "nariai"),
    "km": ("کیلومتر", "км", "км", "km"),
    # --- council types
    "Policy council": (None, "Совет по политике", "Саясат жөніндегі кеңес", "Politikos taryba"),
    "Steering council": (None, "Руководящий совет", "Басқарушы кеңес", "Valdymo taryba"),
    "Think tank of child experts": (
        None,
        "Экспертный совет по вопросам детства",
        "Балалық шақ мәселелері жөніндегі сарапшылар кеңесі",
        "Vaikystės ekspertų grupė",
    ),
    "Children's city council": (
        None,
        "Детский городской совет",
        "Балалардың қалалық кеңесі",
        "Vaikų miesto taryba",
    ),
    "Children's maslikhat": (None, "Детский маслихат", "Балалар мәслихаты", "Vaikų maslichatas"),
    "School ombudsmen network": (
        None,
        "Сеть школьных омбудсменов",
        "Мектеп омбудсмендерінің желісі",
        "Mokyklų ombudsmenų tinklas",
    ),
    "Council of Fathers": (None, "Совет отцов", "Әкелер кеңесі", "Tėvų taryba"),
    "Working group": (None, "Рабочая группа", "Жұмыс тобы", "Darbo grupė"),
    "Children's council": (None, "Детский совет", "Балалар кеңесі", "Vaikų taryba"),
    # --- the demo's Kazakh and Lithuanian places (Iran's: Persian from the catalogue)
    "Astana": (None, "Астана", "Астана", None),
    "Astana (city of republican significance)": (
        None,
        "Астана (город республиканского значения)",
        "Астана (республикалық маңызы бар қала)",
        None,
    ),
    "Almaty": (None, "Алматы", "Алматы", None),
    "Almaty (city of republican significance)": (
        None,
        "Алматы (город республиканского значения)",
        "Алматы (республикалық маңызы бар қала)",
        None,
    ),
    "Saran": (None, "Сарань", "Саран", None),
    "Karaganda Region": (None, "Карагандинская область", "Қарағанды облысы", None),
    "Satpayev": (None, "Сатпаев", "Сәтбаев", None),
    "Ulytau Region": (None, "Улытауская область", "Ұлытау облысы", None),
    "Balkhash": (None, "Балхаш", "Балқаш", None),
    "Anai": (None, "Анай", "Анай", None),
    "Osakarovka": (None, "Осакаровка", "Осакаровка", None),
    "Semey": (None, "Семей", "Семей", None),
    "Abai Region": (None, "Абайская область", "Абай облысы", None),
    "Ust-Kamenogorsk": (None, "Усть-Каменогорск", "Өскемен", None),
    "East Kazakhstan Region": (
        None,
        "Восточно-Казахстанская область",
        "Шығыс Қазақстан облысы",
        None,
    ),
    "Aksu": (None, "Аксу", "Ақсу", None),
    "Pavlodar Region": (None, "Павлодарская область", "Павлодар облысы", None),
    "Ekibastuz": (None, "Экибастуз", "Екібастұз", None),
    "Pavlodar": (None, "Павлодар", "Павлодар", None),
    "Aksai": (None, "Аксай", "Ақсай", None),
    "West Kazakhstan Region": (
        None,
        "Западно-Казахстанская область",
        "Батыс Қазақстан облысы",
        None,
    ),
    "Kyzylorda": (None, "Кызылорда", "Қызылорда", None),
    "Kyzylorda Region": (None, "Кызылординская область", "Қызылорда облысы", None),
    "Petropavlovsk": (None, "Петропавловск", "Петропавл", None),
    "North Kazakhstan Region": (
        None,
        "Северо-Казахстанская область",
        "Солтүстік Қазақстан облысы",
        None,
    ),
    "Aktobe": (None, "Актобе", "Ақтөбе", None),
    "Aktobe Region": (None, "Актюбинская область", "Ақтөбе облысы", None),
    "Shymkent": (None, "Шымкент", "Шымкент", None),
    "Shymkent (city of republican significance)": (
        None,
        "Шымкент (город республиканского значения)",
        "Шымкент (республикалық маңызы бар қала)",
        None,
    ),
    "Vilnius": (None, None, None, "Vilnius"),
    "Vilnius County": (None, None, None, "Vilniaus apskritis"),
    "Kaunas": (None, None, None, "Kaunas"),
    "Kaunas County": (None, None, None, "Kauno apskritis"),
    "Alytus": (None, None, None, "Alytus"),
    "Alytus County": (None, None, None, "Alytaus apskritis"),
}


def names_of(english: str, languages=None) -> dict[str, str]:
    """The name in each of `languages` (default: all of ours): English, the table's, else
    the catalogue's translation; a language with neither is left out."""
    languages = languages or [code for code, _name in settings.LANGUAGES]
    row = dict(zip(TABLE_LANGUAGES, NAMES.get(english, (None,) * 4), strict=True))
    names = {}
    for language in languages:
        if language == "en":
            names[language] = english
            continue
        name = row.get(language) or (PERSIAN.get(english) if language == "fa" else None)
        if name is None:
            with translation.override(language):
                translated = translation.gettext(english)
            name = translated if translated != english else None
        if name:
            names[language] = name
    return names


def localized(field: str, english: str, languages=None) -> dict[str, str]:
    """Keyword arguments for a model with `field` kept per language: `{"name_en": ...,
    "name_fa": ...}`, from `names_of`."""
    if not english:
        return {}
    return {f"{field}_{language}": name for language, name in names_of(english, languages).items()}


def district_names(number: int, programme_key: str) -> dict[str, str]:
    """A demo district's name ("District 3") in its programme's place languages."""
    number_fa = str(number).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    every = {
        "en": f"District {number}",
        "fa": f"منطقهٔ {number_fa}",
        "ru": f"Район № {number}",
        "kk": f"№ {number} аудан",
        "lt": f"{number}-oji seniūnija",
    }
    languages = PLACE_LANGUAGES.get(programme_key, ("en",))
    return {f"name_{language}": every[language] for language in languages}


#: Persian names taken once from the Persian catalogue (where the table above says None, and
#: the demo's Iranian places, the stage descriptions and the criteria).
PERSIAN: dict[str, str] = {
    "Ministry of Interior (Centre for International Affairs) with the Organization of Municipalities and Village Administrations and the UNICEF country office": "وزارت کشور (مرکز امور بین‌الملل) همراه با سازمان شهرداری‌ها و دهیاری‌های کشور و دفتر یونیسف در ایران",
    "Ministry of Education and Science (Committee for children's rights protection) with UNICEF": "وزارت آموزش و علوم (کمیتهٔ حمایت از حقوق کودک) همراه با یونیسف",
    "UNICEF Lithuania (national committee), in the Nordic-Baltic network": "یونیسف لیتوانی (کمیتهٔ ملی)، در شبکهٔ کشورهای شمال اروپا و بالتیک",
    "Office formation": "تشکیل دفتر",
    "CFC database": "بانک اطلاعات شهر دوستدار کودک",
    "Children's atlas": "اطلس کودکان",
    "Stocktake": "جمع‌بندی اقدامات موجود",
    "Situation analysis": "تحلیل وضعیت",
    "Plans": "برنامه‌ها",
    "Plan submission": "ارسال برنامه‌ها",
    "Request to UNICEF": "درخواست به یونیسف",
    "Joint evaluation": "ارزیابی مشترک",
    "Candidacy": "نامزدی",
    "Final evaluation": "ارزیابی نهایی",
    "Badge": "نشان",
    "Network membership": "عضویت در شبکه",
    "Ongoing review": "ارزیابی مستمر",
    "Memorandum with the akimat": "تفاهم‌نامه با اکیمات",
    "Study of the situation of children and families": "مطالعهٔ وضعیت کودکان و خانواده‌ها",
    "Interdepartmental coordination council": "شورای هماهنگی بین‌بخشی",
    "Strategic programme adopted": "تصویب برنامهٔ راهبردی",
    "Assessment (governance structures, sector results, children's views)": "سنجش (ساختارهای حکمرانی، نتایج بخشی، دیدگاه کودکان)",
    "Accreditation": "اعتباربخشی",
    "Certification": "صدور گواهی",
    "Memorandum of cooperation": "تفاهم‌نامهٔ همکاری",
    "Working group and coordinator appointed": "تعیین کارگروه و هماهنگ‌کننده",
    "Situation analysis with a survey of children": "تحلیل وضعیت همراه با پیمایش کودکان",
    "Action plan adopted by the council": "تصویب برنامهٔ عمل در شورای شهر",
    "Implementation report": "گزارش اجرا",
    "Evaluation": "ارزیابی",
    "Recognition": "به‌رسمیت‌شناسی",
    "Policy council": "شورای سیاست‌گذاری",
    "Steering council": "شورای راهبری",
    "Think tank of child experts": "اتاق فکر متخصصان کودک",
    "Children's city council": "شورای شهر کودکان",
    "Children's maslikhat": "ماسلیخات (پارلمان) کودکان",
    "School ombudsmen network": "شبکهٔ بازرسان مدرسه",
    "Council of Fathers": "شورای پدران",
    "Working group": "کارگروه",
    "Children's council": "شورای کودکان",
    "Astana": "آستانه",
    "Astana (city of republican significance)": "آستانه (شهر دارای اهمیت جمهوری)",
    "Almaty": "آلماتی",
    "Almaty (city of republican significance)": "آلماتی (شهر دارای اهمیت جمهوری)",
    "Saran": "ساران",
    "Karaganda Region": "استان قاراغاندی",
    "Satpayev": "ساتپایف",
    "Ulytau Region": "استان اولیتاو",
    "Balkhash": "بالخاش",
    "Anai": "آنای",
    "Osakarovka": "اوساکارووکا",
    "Semey": "سمی",
    "Abai Region": "استان آبای",
    "Ust-Kamenogorsk": "اوست-کامنوگورسک",
    "East Kazakhstan Region": "استان قزاقستان شرقی",
    "Aksu": "آکسو",
    "Pavlodar Region": "استان پاولودار",
    "Ekibastuz": "اکیباستوز",
    "Pavlodar": "پاولودار",
    "Aksai": "آکسای",
    "West Kazakhstan Region": "استان قزاقستان غربی",
    "Kyzylorda": "قزل‌اوردا",
    "Kyzylorda Region": "استان قزل‌اوردا",
    "Petropavlovsk": "پتروپاولوفسک",
    "North Kazakhstan Region": "استان قزاقستان شمالی",
    "Aktobe": "آقتوبه",
    "Aktobe Region": "استان آقتوبه",
    "Shymkent": "شیمکنت",
    "Shymkent (city of republican significance)": "شیمکنت (شهر دارای اهمیت جمهوری)",
    "Vilnius": "ویلنیوس",
    "Vilnius County": "شهرستان ویلنیوس",
    "Kaunas": "کائوناس",
    "Kaunas County": "شهرستان کائوناس",
    "Alytus": "آلیتوس",
    "Alytus County": "شهرستان آلیتوس",
    "The municipality forms its CFC office under the national directive.": "شهرداری بر اساس دستورالعمل ملی دفتر شهر دوستدار کودک را تشکیل می‌دهد.",
    "Children's information is centralised in the office's database.": "اطلاعات کودکان در بانک اطلاعات دفتر متمرکز می‌شود.",
    "The situation of the city's children is assessed by need, urban environment and the spaces where people work with children.": "وضعیت کودکان شهر بر اساس نیازها، محیط شهری و فضاهایی که در آن‌ها با کودکان کار می‌شود سنجیده می‌شود.",
    "What the city has already done for children is reviewed and summarised.": "آنچه شهر تاکنون برای کودکان انجام داده بررسی و جمع‌بندی می‌شود.",
    "The gap between today and what a child-friendly city requires.": "فاصلهٔ وضع موجود با آنچه شهر دوستدار کودک لازم دارد.",
    "A five-year strategic plan and one-year operational plans that close the gaps.": "برنامهٔ راهبردی پنج‌ساله و برنامه‌های عملیاتی یک‌ساله برای پر کردن شکاف‌ها.",
    "The plans go to the national Organization of Municipalities with a request for candidacy.": "برنامه‌ها همراه با درخواست نامزدی به سازمان شهرداری‌ها و دهیاری‌های کشور فرستاده می‌شود.",
    "The Organization of Municipalities and the Ministry of Interior's international office send the request to UNICEF.": "سازمان شهرداری‌ها و مرکز امور بین‌الملل وزارت کشور درخواست را به یونیسف می‌فرستند.",
    "The ministry's international office and UNICEF evaluate the plans and actions.": "مرکز امور بین‌الملل وزارت کشور و یونیسف برنامه‌ها و اقدامات را ارزیابی می‌کنند.",
    "The city becomes a candidate.": "شهر نامزد می‌شود.",
    "Evaluation for the badge, on the strategic plan and three to five years of performance.": "ارزیابی برای دریافت نشان، بر پایهٔ برنامهٔ راهبردی و سه تا پنج سال عملکرد.",
    "The city receives the badge and enters permanent evaluation to keep it.": "شهر نشان را دریافت می‌کند و برای حفظ آن وارد ارزیابی دائمی می‌شود.",
    "The city starts its activity in UNICEF's CFC network.": "شهر فعالیت خود را در شبکهٔ شهرهای دوستدار کودک یونیسف آغاز می‌کند.",
    "Periodic monitoring reports and re-evaluation; a badge that is not renewed lapses.": "گزارش‌های دوره‌ای پایش و ارزیابی دوباره؛ نشانی که تمدید نشود منقضی می‌شود.",
    "The Committee for children's rights protection signs a memorandum with the city's akimat.": "کمیتهٔ حمایت از حقوق کودک با اکیمات شهر تفاهم‌نامه امضا می‌کند.",
    "Demonstrated results for children across several of the CFCI goal areas, against the action plan's indicators.": "نتایج اثبات‌شده برای کودکان در چند حوزهٔ هدف CFCI، بر پایهٔ شاخص‌های برنامهٔ عمل.",
    "Meaningful and inclusive child participation, e.g. through child or youth councils, in every phase: analysis, planning, implementation and evaluation.": "مشارکت معنادار و فراگیر کودکان، مثلاً از راه شوراهای کودکان یا نوجوانان، در همهٔ گام‌ها: تحلیل، برنامه‌ریزی، اجرا و ارزیابی.",
    "Demonstrated work to eliminate discrimination against children, in the city's policies, services and the initiative itself.": "تلاش اثبات‌شده برای رفع تبعیض علیه کودکان، در سیاست‌ها و خدمات شهر و در خود ابتکار شهر دوستدار کودک.",
    "Child-centred emergency preparedness (e.g. the guidelines of the joint project with the Ministry of Interior).": "آمادگی کودک‌محور در برابر شرایط اضطراری (مثلاً رهنمودهای پروژهٔ مشترک با وزارت کشور).",
    "A child-friendly budget, with a plan for monitoring what is spent on children.": "بودجهٔ دوستدار کودک، همراه با برنامه‌ای برای پایش آنچه برای کودکان هزینه می‌شود.",
    "Assessment of local government structures and processes: the interdepartmental coordination council, school ombudsmen, the children's maslikhat.": "ارزیابی ساختارها و فرایندهای مدیریت محلی: شورای هماهنگی بین‌بخشی، بازرسان مدرسه، ماسلیخات (پارلمان) کودکان.",
    "Assessment of the outcomes of sectoral policies for children (health, education, social protection).": "ارزیابی پیامدهای سیاست‌های بخشی برای کودکان (سلامت، آموزش، حمایت اجتماعی).",
    "Assessment of children's views of their city, asked of children.": "ارزیابی دیدگاه کودکان دربارهٔ شهرشان، با پرسش از خود کودکان.",
    "A survey of children informs the situation analysis.": "پیمایشی از کودکان پشتوانهٔ تحلیل وضعیت است.",
    "The action plan was adopted by the municipal council.": "برنامهٔ عمل به تصویب شورای شهر رسیده است.",
    "Children's rights are written into the city's strategies, regulations and decisions.": "حقوق کودک در راهبردها، مقررات و تصمیم‌های شهر گنجانده شده است.",
    "The city's budget shows what it spends on children, year by year.": "بودجهٔ شهر، سال به سال، نشان می‌دهد چه مبلغی برای کودکان هزینه می‌شود.",
    "Data on children are collected, broken down by age, sex, disability and district, and used to plan.": "داده‌های مربوط به کودکان به تفکیک سن، جنس، معلولیت و منطقه گردآوری و در برنامه‌ریزی به کار گرفته می‌شوند.",
    "The plans set measurable results in all five goal areas, each with an indicator and a responsible body.": "برنامه‌ها در هر پنج حوزهٔ هدف نتایج سنجش‌پذیر تعیین می‌کنند، هر یک با یک شاخص و یک نهاد مسئول.",
    "Children take part meaningfully and inclusively in the decisions that affect them, and hear what was done with their views.": "کودکان به‌طور معنادار و فراگیر در تصمیم‌هایی که بر زندگی‌شان اثر می‌گذارد مشارکت می‌کنند و می‌شنوند که با دیدگاه‌هایشان چه شد.",
    "The city works to end discrimination: the most disadvantaged children are identified and reached.": "شهر برای پایان دادن به تبعیض تلاش می‌کند: محروم‌ترین کودکان شناسایی می‌شوند و خدمات به آنان می‌رسد.",
    "A coordinating office or council, with a mandate, staff and budget, leads the city's work for children.": "یک دفتر یا شورای هماهنگی، با مأموریت، کارکنان و بودجهٔ مشخص، کار شهر برای کودکان را هدایت می‌کند.",
    "Progress is monitored and reported regularly, and the report is public.": "پیشرفت به‌طور منظم پایش و گزارش می‌شود و گزارش آن عمومی است.",
    "The CFC office is in the municipality's organisation chart, with a head, staff and a policy council of municipal and outside bodies.": "دفتر شهر دوستدار کودک در نمودار سازمانی شهرداری جای دارد و رئیس، کارکنان و یک شورای سیاست‌گذاری از نهادهای درون و بیرون از شهرداری دارد.",
    "Each urban district has its own child-friendly city plan.": "هر منطقهٔ شهری برنامهٔ شهر دوستدار کودک خود را دارد.",
    "Emergency preparedness plans take children's needs into account.": "برنامه‌های آمادگی در برابر شرایط اضطراری نیازهای کودکان را در نظر می‌گیرند.",
    "An interdepartmental coordination council under the akimat meets regularly and follows the programme.": "یک شورای هماهنگی بین‌بخشی زیر نظر اکیمات به‌طور منظم تشکیل جلسه می‌دهد و برنامه را پیگیری می‌کند.",
    "A children's maslikhat is elected and heard by the city maslikhat.": "ماسلیخات (پارلمان) کودکان انتخاب می‌شود و ماسلیخات شهر صدای آن را می‌شنود.",
    "Every school has an ombudsman for children's rights.": "هر مدرسه یک بازرس حقوق کودک دارد.",
    "A working group and a coordinator lead the initiative in the city.": "یک کارگروه و یک هماهنگ‌کننده ابتکار شهر دوستدار کودک را در شهر هدایت می‌کنند.",
    "A survey of children, reaching children with disabilities and children out of school, informs the situation analysis.": "پیمایشی از کودکان، که کودکان دارای معلولیت و کودکان بازمانده از تحصیل را نیز در بر می‌گیرد، پشتوانهٔ تحلیل وضعیت است.",
    "The municipal council has adopted the action plan and its budget.": "شورای شهر برنامهٔ عمل و بودجهٔ آن را تصویب کرده است.",
    "Isfahan": "اصفهان",
    "Isfahan Province": "استان اصفهان",
    "Ahvaz": "اهواز",
    "Khuzestan Province": "استان خوزستان",
    "Bandar Abbas": "بندرعباس",
    "Hormozgan Province": "استان هرمزگان",
    "Tabriz": "تبریز",
    "East Azerbaijan Province": "استان آذربایجان شرقی",
    "Tehran": "تهران",
    "Tehran Province": "استان تهران",
    "Rasht": "رشت",
    "Gilan Province": "استان گیلان",
    "Semnan": "سمنان",
    "Semnan Province": "استان سمنان",
    "Shiraz": "شیراز",
    "Fars Province": "استان فارس",
    "Kerman": "کرمان",
    "Kerman Province": "استان کرمان",
    "Gorgan": "گرگان",
    "Golestan Province": "استان گلستان",
    "Mashhad": "مشهد",
    "Razavi Khorasan Province": "استان خراسان رضوی",
    "Hamedan": "همدان",
    "Hamadan Province": "استان همدان",
    "Yazd": "یزد",
    "Yazd Province": "استان یزد",
}
