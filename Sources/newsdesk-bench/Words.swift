/// Vocabulary of the generated archive: enough variety that bodies do not compress into
/// repetition, in the register of a university news office.
enum Words {
    static let organisations = [
        "The School of Computer Science", "The Library", "The International Office", "The School of Materials",
        "The Graduate School", "The Robotics Laboratory", "The Student Union", "The Confucius Institute",
        "The School of Mechanical Engineering", "The Technology Transfer Centre", "The Harbin Electric Joint Centre",
        "The School of Foreign Languages", "The Alumni Association", "The Innovation Park", "The Faculty of Physics",
    ]
    static let verbs = ["Hosts", "Opens", "Joins", "Launches", "Celebrates", "Signs", "Welcomes", "Presents", "Concludes", "Announces"]
    static let events = [
        "international workshop", "cooperation agreement", "summer school", "research forum", "doctoral symposium",
        "industry day", "exchange programme", "lecture series", "open laboratory day", "joint seminar",
        "delegation visit", "innovation contest", "academic conference", "career fair",
    ]
    static let topics = [
        "robotics", "cybersecurity", "materials science", "energy storage", "pragmatics", "smart manufacturing",
        "power electronics", "machine learning", "cold-region engineering", "digital libraries", "sensor networks",
        "high-voltage insulation", "computational linguistics", "carbon neutrality", "optical communication",
        "ice and snow tourism", "biomedical imaging", "precision measurement",
    ]
    static let people = [
        "Professor Li Wei", "Dr. Anna Petrova", "Vice-President Zhang Min", "Professor Chen Jing", "Dr. Maria Rossi",
        "Dean Wang Lei", "Professor Sergei Ivanov", "Dr. Liu Yang", "Professor Nguyen Van An", "Librarian Zhao Hui",
        "Professor Kim Soo-jin", "Dr. Ahmed Hassan",
    ]
    static let predicates = [
        "presented new results on", "discussed the next phase of", "signed a memorandum covering", "opened a joint laboratory for",
        "reviewed the progress of", "outlined a three-year plan for", "introduced a training programme in",
        "shared field data about", "proposed a student exchange around", "chaired a panel on",
    ]
    static let objects = [
        "the joint research centre", "graduate training", "the pilot production line", "open-access publishing",
        "the winter field station", "cross-border teaching", "the testing platform", "curriculum reform",
        "regional industry partners", "the visiting scholar scheme",
    ]
    static let tags = [
        "conference", "cooperation", "international", "research", "students", "library", "robotics", "cybersecurity",
        "materials", "energy", "alumni", "awards", "teaching", "innovation", "industry", "exchange", "graduate",
        "forum", "visit", "agreement", "laboratory", "summer-school", "lecture", "campus-life", "sports", "culture",
        "science-park", "patents", "funding", "rankings", "国际合作", "科研",
    ]
    static let chinese = [
        "哈尔滨理工大学与合作伙伴签署了新的合作协议，双方将在人才培养和科学研究方面开展深入合作。",
        "本次论坛吸引了来自国内外二十余所高校的专家学者参加，围绕前沿问题进行了热烈讨论。",
        "学校领导在致辞中指出，开放合作是建设高水平大学的重要途径。",
        "与会代表参观了联合实验室，并就下一步的研究计划交换了意见。",
        "活动期间，学生代表展示了创新项目成果，获得了专家的一致好评。",
        "双方同意建立定期交流机制，推动科研成果转化和产业化应用。",
        "图书馆推出二十四小时自习空间，为师生提供更加便利的学习环境。",
        "会议还设立了青年学者分论坛，鼓励研究生积极参与学术交流。",
    ]
}
